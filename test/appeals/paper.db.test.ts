import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveDraft, pendingDraft, submitDraft } from "../../core/appeals/answer.js";
import { byPostQueue, markSentByPost } from "../../core/appeals/by-post.js";
import { listMyAppeals } from "../../core/appeals/citizen-view.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { registerPaperAppeal, reissuePaperReceipt, type PaperInput } from "../../core/appeals/paper-register.js";
import { registerAppeal } from "../../core/appeals/register.js";
import { answerTrackNumber, confirmTrack, openTrackLink, trackFlow } from "../../core/appeals/track-flow.js";
import { TRACK_ATTEMPTS_MAX } from "../../core/appeals/track-link.js";
import type { Actor } from "../../core/shared/roles.js";
import { appealEvents, appeals, appealTrackTokens, numberSequences, outbox } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";

let tdb: TestDatabase;
let ctx: ReturnType<typeof testCtx>;
let registrar: Actor;
let head: Actor;
let nextId = 971_000;
const person = () => signedUpCitizen(ctx, ++nextId);
beforeAll(async () => {
  tdb = await openTestDatabase();
  ctx = testCtx(tdb.database);
  registrar = await staffMember(ctx, 970_001, "registrar");
  head = await staffMember(ctx, 970_002, "head");
});
afterAll(() => tdb.dispose());

const IIN = "870615400228";
const ADDRESS = "010000, Астана, Мәңгілік Ел даңғылы, 8, 5-пәтер";

function paper(overrides: Partial<PaperInput> = {}): PaperInput {
  return {
    draftId: randomUUID(),
    channel: "paper",
    applicant: { kind: "individual", fullName: "Серікқызы Айгерім", iin: IIN },
    postalAddress: ADDRESS,
    type: "complaint",
    language: "kk",
    text: "Сот шешімі үш ай бойы орындалмай келеді.",
    ...overrides,
  };
}

const appealRow = async (appealId: number) => (await ctx.db.select().from(appeals).where(eq(appeals.id, appealId)))[0]!;
const tokens = (appealId: number) => ctx.db.select().from(appealTrackTokens).where(eq(appealTrackTokens.appealId, appealId)).orderBy(asc(appealTrackTokens.createdAt));
const refused = (code: string) => ({ code });

/** Nothing a refused link touches: the appeal still has no owner in Telegram, its links are as they were, no flow is left behind. */
async function unchanged(appealId: number, links: Awaited<ReturnType<typeof tokens>>, who: Actor): Promise<void> {
  const row = await appealRow(appealId);
  expect({ owner: row.citizenUserId, reply: row.replyChannel }).toEqual({ owner: null, reply: "post" });
  expect(await tokens(appealId)).toEqual(links);
  expect(await trackFlow.load(ctx, who)).toBeNull();
}

describe(`paper appeals on ${dbKind}`, () => {
  it("numbers paper appeals gaplessly alongside Telegram ones, with the same dates, and tells the registry", async () => {
    const citizens = await Promise.all(Array.from({ length: 6 }, person));
    const telegram = citizens.map((c) => registerAppeal(ctx, c, { draftId: randomUUID(), type: "complaint", text: "Сот отырысы кейінге қалдырылды.", language: "kk", replyChannel: "chat" }));
    const individuals = Array.from({ length: 6 }, () => registerPaperAppeal(ctx, registrar, paper()));
    const legal = Array.from({ length: 3 }, () =>
      registerPaperAppeal(ctx, registrar, paper({ channel: "email", applicant: { kind: "legal", fullName: "Петров Иван Сергеевич", bin: "040840300024", organization: "«Дала» ЖШС" } })),
    );
    const [byBot, onPaper, byOrganisations] = await Promise.all([Promise.all(telegram), Promise.all(individuals), Promise.all(legal)]);

    const seqOf = (n: string) => Number(n.slice(-6));
    expect([...byBot, ...onPaper].map((r) => seqOf(r.number)).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(byOrganisations.map((r) => r.number).sort()).toEqual(["ЗТ-2026-000001", "ЗТ-2026-000002", "ЗТ-2026-000003"]);
    const counters = await ctx.db.select().from(numberSequences);
    expect(Object.fromEntries(counters.map((c) => [c.prefix, c.last]))).toMatchObject({ ЖТ: 12, ЗТ: 3 });

    // The same calendar and policy as an appeal through the bot received at the same moment.
    const [one] = onPaper;
    expect({ registeredOn: one!.registeredOn, dueOn: one!.dueOn }).toEqual({ registeredOn: byBot[0]!.registeredOn, dueOn: byBot[0]!.dueOn });
    const row = await appealRow(one!.appealId);
    expect({ owner: row.citizenUserId, channel: row.channel, reply: row.replyChannel, address: row.postalAddress, iin: (row.applicant as { iin: string }).iin }).toEqual({
      owner: null,
      channel: "paper",
      reply: "post",
      address: ADDRESS,
      iin: IIN,
    });
    expect((await appealRow(byOrganisations[0]!.appealId)).channel).toBe("email");
    const [first] = await ctx.db.select().from(appealEvents).where(eq(appealEvents.appealId, one!.appealId));
    expect({ kind: first!.kind, actor: first!.actorUserId }).toEqual({ kind: "registered", actor: registrar.userId });
    const told = await ctx.db.select({ key: outbox.dedupeKey }).from(outbox).where(eq(outbox.chatId, registrar.telegramId));
    expect(told.length).toBeGreaterThan(0);
    // Only the hash of the link is kept, and the link fits Telegram's start parameter.
    const [link] = await tokens(one!.appealId);
    expect(link!.tokenHash).not.toContain(one!.token);
    expect(`track_${one!.token}`.length).toBeLessThanOrEqual(64);
  });

  it("refuses a wrong IIN, a letter with nothing in it, and anyone but the registry; nothing is registered", async () => {
    const before = await ctx.db.select({ id: appeals.id }).from(appeals);
    await expect(registerPaperAppeal(ctx, registrar, paper({ applicant: { kind: "individual", fullName: "Серікқызы Айгерім", iin: "870615400229" } }))).rejects.toMatchObject(refused("iin_checksum"));
    await expect(registerPaperAppeal(ctx, registrar, paper({ text: "  " }))).rejects.toMatchObject(refused("paper_content_missing"));
    await expect(registerPaperAppeal(ctx, await person(), paper())).rejects.toMatchObject(refused("staff_only"));
    expect(await ctx.db.select({ id: appeals.id }).from(appeals)).toHaveLength(before.length);
  });

  it("refuses forged, expired and used links and changes nothing; the right IIN links the appeal to its applicant", async () => {
    const receipt = await registerPaperAppeal(ctx, registrar, paper());
    const links = await tokens(receipt.appealId);
    const applicant = await person();
    await expect(openTrackLink(ctx, applicant, "A".repeat(32))).rejects.toMatchObject(refused("track_unknown"));
    await expect(openTrackLink(ctx, applicant, "not a token")).rejects.toMatchObject(refused("track_unknown"));
    await expect(openTrackLink(ctx, registrar, receipt.token)).rejects.toMatchObject(refused("forbidden"));
    const later = { ...ctx, clock: testCtx(tdb.database, "2026-06-01T09:00:00+05:00").clock };
    await expect(openTrackLink(later, applicant, receipt.token)).rejects.toMatchObject(refused("track_expired"));
    await unchanged(receipt.appealId, links, applicant);

    expect((await openTrackLink(ctx, applicant, receipt.token)).step).toBe("number");
    // A typo in the number's form is explained, not counted.
    await expect(answerTrackNumber(ctx, applicant, "12345")).rejects.toMatchObject(refused("iin_length"));
    await expect(answerTrackNumber(ctx, applicant, "990101300152")).rejects.toMatchObject({ code: "track_number_wrong", params: { left: TRACK_ATTEMPTS_MAX - 1 } });
    const linked = await answerTrackNumber(ctx, applicant, IIN);
    expect(linked).toEqual({ appealId: receipt.appealId, number: receipt.number, inChat: true });
    const row = await appealRow(receipt.appealId);
    expect({ owner: row.citizenUserId, reply: row.replyChannel, address: row.postalAddress }).toEqual({ owner: applicant.userId, reply: "chat", address: ADDRESS });
    expect((await listMyAppeals(ctx, applicant)).items.map((i) => i.number)).toContain(receipt.number);
    const kinds = (await ctx.db.select({ kind: appealEvents.kind }).from(appealEvents).where(eq(appealEvents.appealId, receipt.appealId))).map((e) => e.kind);
    expect(kinds).toEqual(["registered", "link_refused", "linked"]);

    const used = await tokens(receipt.appealId);
    const stranger = await person();
    await expect(openTrackLink(ctx, stranger, receipt.token)).rejects.toMatchObject(refused("track_used"));
    await expect(openTrackLink(ctx, applicant, receipt.token)).rejects.toMatchObject(refused("track_already_yours"));
    expect(await tokens(receipt.appealId)).toEqual(used);
    expect((await appealRow(receipt.appealId)).citizenUserId).toBe(applicant.userId);

    // A second receipt invalidates nothing already used: the link made stays, and the used link stays used.
    const again = await reissuePaperReceipt(ctx, registrar, { number: receipt.number });
    expect(again.token).not.toBe(receipt.token);
    expect((await appealRow(receipt.appealId)).citizenUserId).toBe(applicant.userId);
    await expect(openTrackLink(ctx, stranger, receipt.token)).rejects.toMatchObject(refused("track_used"));
    expect((await tokens(receipt.appealId)).filter((t) => t.usedBy === applicant.userId)).toHaveLength(1);
  });

  it("ends a link after five wrong numbers, and a receipt printed again leaves only its own link usable", async () => {
    const receipt = await registerPaperAppeal(ctx, registrar, paper());
    const guesser = await person();
    await openTrackLink(ctx, guesser, receipt.token);
    for (let left = TRACK_ATTEMPTS_MAX - 1; left > 0; left--) {
      await expect(answerTrackNumber(ctx, guesser, "990101300152")).rejects.toMatchObject({ code: "track_number_wrong", params: { left } });
    }
    await expect(answerTrackNumber(ctx, guesser, "990101300152")).rejects.toMatchObject(refused("track_attempts_exhausted"));
    const burned = await tokens(receipt.appealId);
    await unchanged(receipt.appealId, burned, guesser);
    await expect(openTrackLink(ctx, guesser, receipt.token)).rejects.toMatchObject(refused("track_burned"));

    const lost = await reissuePaperReceipt(ctx, registrar, { number: receipt.number });
    const kept = await reissuePaperReceipt(ctx, registrar, { number: receipt.number });
    await expect(openTrackLink(ctx, guesser, lost.token)).rejects.toMatchObject(refused("track_burned"));
    const owner = await person();
    await openTrackLink(ctx, owner, kept.token);
    expect((await answerTrackNumber(ctx, owner, IIN)).number).toBe(receipt.number);
    await expect(reissuePaperReceipt(ctx, registrar, { number: "ЖТ-2026-999999" })).rejects.toMatchObject(refused("appeal_not_found"));
  });

  it("links an appeal with no IIN on a confirmation, and sends an unlinked one's answer to the by-post list", async () => {
    const noIin = await registerPaperAppeal(ctx, registrar, paper({ applicant: { kind: "individual", fullName: "Омаров Данияр" } }));
    const follower = await person();
    const state = await openTrackLink(ctx, follower, noIin.token);
    expect(state.step).toBe("confirm");
    await expect(confirmTrack(ctx, follower, state.version + 1)).rejects.toMatchObject(refused("stale_button"));
    expect((await confirmTrack(ctx, follower, state.version)).inChat).toBe(true);

    const unlinked = await registerPaperAppeal(ctx, registrar, paper());
    const reviewer = await staffMember(ctx, 970_003, "reviewer");
    await classifyAppeal(ctx, registrar, { appealId: unlinked.appealId, category: "general", holderUserId: reviewer.userId });
    await submitDraft(ctx, reviewer, { appealId: unlinked.appealId, text: "Сот орындаушысына жүгініңіз.", outcome: "explained" });
    await approveDraft(ctx, head, { appealId: unlinked.appealId, answerId: (await pendingDraft(ctx.db, unlinked.appealId))!.id });
    const listed = (await byPostQueue(ctx, registrar)).items.find((i) => i.appealId === unlinked.appealId);
    expect(listed).toMatchObject({ number: unlinked.number, addressee: "Серікқызы Айгерім", postalAddress: ADDRESS, reason: "paper" });
    // Nobody in Telegram to tell: no notice of the answer is written.
    expect(await ctx.db.select().from(outbox).where(and(eq(outbox.appealId, unlinked.appealId), sql`${outbox.payload}->>'key' = 'appeal.notice.answered'`))).toEqual([]);
    await markSentByPost(ctx, registrar, { appealId: unlinked.appealId });
    expect((await byPostQueue(ctx, registrar)).items.some((i) => i.appealId === unlinked.appealId)).toBe(false);
    await expect(markSentByPost(ctx, registrar, { appealId: unlinked.appealId })).rejects.toMatchObject(refused("by_post_already_sent"));
  });
});
