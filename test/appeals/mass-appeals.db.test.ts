import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveDraft, pendingDraft, returnDraft, submitDraft } from "../../core/appeals/answer.js";
import { awaitingMyApproval } from "../../core/appeals/approval-queue.js";
import { withdrawAppeal } from "../../core/appeals/citizen-actions.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { similarAppeals } from "../../core/appeals/group-view.js";
import { addToGroup, groupWith, removeFromGroup } from "../../core/appeals/groups.js";
import { registerAppeal } from "../../core/appeals/register.js";
import type { Ctx } from "../../core/shared/context.js";
import type { Actor } from "../../core/shared/roles.js";
import { appealAnswers, appealEvents, appeals, journalEntries, outbox } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";
import { refusal } from "../support/refusal.js";

const TEXT = "Сот ғимаратына кіреберісте пандус жоқ, мүгедектер арбасымен кіру мүмкін емес, шара қолдануды сұраймыз";
const ANSWER = "Құрметті {{name}}! Пандус 2026 жылғы сәуірде орнатылады.";

let tdb: TestDatabase;
let ctx: Ctx;
let registrar: Actor;
let reviewer: Actor;
let head: Actor;
let nextTelegramId = 7700;
beforeAll(async () => {
  tdb = await openTestDatabase({ durable: false });
  ctx = testCtx(tdb.database);
  registrar = await staffMember(ctx, 7601, "registrar");
  reviewer = await staffMember(ctx, 7602, "reviewer");
  head = await staffMember(ctx, 7603, "head");
});
afterAll(() => tdb.dispose());

/** Appeals of `count` applicants, each of their own, on the same subject. */
async function appealsOf(count: number, language: "kk" | "ru" = "kk", text = TEXT) {
  const made: { appealId: number; number: string; owner: Actor; name: string }[] = [];
  for (let n = 1; n <= count; n++) {
    const name = `Өтініш Беруші ${String.fromCharCode(0x410 + ((nextTelegramId + n) % 32))}`;
    const owner = await signedUpCitizen(ctx, ++nextTelegramId, { fullName: name });
    const { appealId, number } = await registerAppeal(ctx, owner, { draftId: randomUUID(), type: "complaint", text, language, replyChannel: "chat" });
    made.push({ appealId, number, owner, name });
  }
  return made;
}

const stateOf = async (ids: number[]) => (await ctx.db.select({ id: appeals.id, state: appeals.state, groupId: appeals.groupId }).from(appeals).where(inArray(appeals.id, ids)).orderBy(asc(appeals.id)));
const eventCount = async (ids: number[]) => (await ctx.db.select({ id: appealEvents.id }).from(appealEvents).where(inArray(appealEvents.appealId, ids))).length;

describe(`mass appeals on ${dbKind}`, () => {
  it("answers a group of 20 with one approval: 20 letters under 20 gapless outgoing numbers, 20 journal lines, each trail naming the group", async () => {
    const made = await appealsOf(20);
    const ids = made.map((m) => m.appealId);
    const [first] = made;
    const { similar } = await similarAppeals(ctx, registrar, first!.appealId);
    expect(similar.map((s) => s.id).sort()).toEqual(ids.slice(1).sort());

    const grouped = await groupWith(ctx, registrar, { appealId: first!.appealId, appealIds: similar.map((s) => s.id) });
    expect({ total: grouped.total, lead: grouped.lead.number, added: grouped.added.length }).toEqual({ total: 20, lead: first!.number, added: 20 });
    // Classifying the lead takes the whole group into review, with one reviewer.
    await classifyAppeal(ctx, registrar, { appealId: first!.appealId, category: "general", holderUserId: reviewer.userId });
    const classified = await ctx.db.select({ state: appeals.state, holder: appeals.holderUserId }).from(appeals).where(inArray(appeals.id, ids));
    expect(new Set(classified.map((a) => `${a.state}/${a.holder}`))).toEqual(new Set([`in_review/${reviewer.userId}`]));

    expect(await refusal(submitDraft(ctx, reviewer, { appealId: made[5]!.appealId, text: ANSWER, outcome: "explained" }))).toBe("group_member_draft");
    await submitDraft(ctx, reviewer, { appealId: first!.appealId, text: ANSWER, outcome: "explained" });
    const queue = await awaitingMyApproval(ctx, head);
    expect(queue.map((q) => ({ number: q.number, applicants: q.applicants }))).toEqual([{ number: first!.number, applicants: 20 }]);

    const answerId = (await pendingDraft(ctx.db, first!.appealId))!.id;
    const approved = await approveDraft(ctx, head, { appealId: first!.appealId, answerId });
    expect(approved.group).toMatchObject({ letters: 20, skipped: 0 });

    const answers = await ctx.db.select().from(appealAnswers).where(and(inArray(appealAnswers.appealId, ids), isNotNull(appealAnswers.approvedAt)));
    expect(answers).toHaveLength(20);
    expect(new Set(answers.map((a) => a.appealId)).size).toBe(20);
    for (const a of answers) expect(a).toMatchObject({ outcome: "explained", authorUserId: reviewer.userId, approvedByUserId: head.userId, authorityUserId: head.userId });
    // Each applicant is named in their own answer, never another's name.
    for (const m of made) expect(answers.find((a) => a.appealId === m.appealId)!.text).toBe(`Құрметті ${m.name}! Пандус 2026 жылғы сәуірде орнатылады.`);
    expect(new Set(answers.map((a) => a.letterFileId)).size).toBe(20);

    const seqs = answers.map((a) => Number(a.outgoingNumber!.slice(-6))).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => seqs[0]! + i));
    const lines = await ctx.db.select().from(journalEntries).where(and(eq(journalEntries.journal, "outgoing"), inArray(journalEntries.appealId, ids)));
    expect(lines.map((l) => l.number).sort()).toEqual(answers.map((a) => a.outgoingNumber).sort());

    expect((await stateOf(ids)).map((a) => a.state)).toEqual(Array(20).fill("answered"));
    const events = await ctx.db.select().from(appealEvents).where(inArray(appealEvents.appealId, ids));
    for (const id of ids) {
      const trail = events.filter((e) => e.appealId === id);
      expect(trail.find((e) => e.kind === "grouped")?.data).toEqual({ groupId: grouped.groupId, lead: first!.number });
      expect(trail.filter((e) => e.kind === "approved").map((e) => (e.data as { groupId: number }).groupId)).toEqual([grouped.groupId]);
    }
    const notices = await ctx.db.select().from(outbox).where(inArray(outbox.appealId, ids));
    const letters = notices.filter((n) => (n.payload as { key: string }).key === "appeal.notice.answered");
    expect(new Set(letters.map((n) => n.chatId))).toEqual(new Set(made.map((m) => m.owner.telegramId)));

    // The second click: refused, nothing more is signed or sent.
    expect(await refusal(approveDraft(ctx, head, { appealId: first!.appealId, answerId }))).toBe("already_approved");
    expect(await ctx.db.select().from(journalEntries).where(inArray(journalEntries.appealId, ids))).toHaveLength(20);
    expect(await ctx.db.select().from(outbox).where(inArray(outbox.appealId, ids))).toHaveLength(notices.length);
    // An answered group takes no one new.
    const [late] = await appealsOf(1);
    expect(await refusal(addToGroup(ctx, registrar, { groupId: grouped.groupId, appealIds: [late!.appealId] }))).toBe("group_answered");
  });

  it("refuses closed, restricted, differently worded and already grouped appeals, and a stranger, changing nothing; adding twice adds nothing", async () => {
    const [a, b, c, d, e, f] = await appealsOf(6);
    const [russian] = await appealsOf(1, "ru");
    const ids = [a, b, c, d, e, f, russian].map((x) => x!.appealId);
    const { groupId } = await groupWith(ctx, registrar, { appealId: a!.appealId, appealIds: [b!.appealId] });
    const { groupId: other } = await groupWith(ctx, registrar, { appealId: c!.appealId, appealIds: [d!.appealId] });
    await withdrawAppeal(ctx, e!.owner, { appealId: e!.appealId });
    const restricted = (await appealsOf(1))[0]!;
    await ctx.db.update(appeals).set({ restricted: true }).where(eq(appeals.id, restricted.appealId));
    const before = { states: await stateOf([...ids, restricted.appealId]), events: await eventCount([...ids, restricted.appealId]) };

    const add = (appealIds: number[]) => addToGroup(ctx, registrar, { groupId, appealIds });
    expect(await refusal(add([e!.appealId]))).toBe("group_appeal_closed");
    expect(await refusal(add([restricted.appealId]))).toBe("group_restricted");
    expect(await refusal(add([c!.appealId]))).toBe("group_other");
    expect(await refusal(add([russian!.appealId]))).toBe("group_language");
    // All or none: one refused appeal keeps the others out too.
    expect(await refusal(add([f!.appealId, russian!.appealId]))).toBe("group_language");
    expect(await refusal(groupWith(ctx, a!.owner, { appealId: a!.appealId, appealIds: [c!.appealId] }))).toBe("staff_only");
    expect(await refusal(groupWith(ctx, reviewer, { appealId: a!.appealId, appealIds: [c!.appealId] }))).toBe("forbidden");
    expect((await add([b!.appealId])).added).toEqual([]);
    expect({ states: await stateOf([...ids, restricted.appealId]), events: await eventCount([...ids, restricted.appealId]) }).toEqual(before);
    expect(other).not.toBe(groupId);
  });

  it("returns a group's draft once, skips a member withdrawn meanwhile, and answers one taken out of the group on its own", async () => {
    const [a, b, c] = await appealsOf(3);
    await groupWith(ctx, registrar, { appealId: a!.appealId, appealIds: [b!.appealId, c!.appealId] });
    await classifyAppeal(ctx, registrar, { appealId: a!.appealId, category: "general", holderUserId: reviewer.userId });
    const removed = await removeFromGroup(ctx, registrar, { appealId: c!.appealId });
    expect(removed.appeal.groupId).toBeNull();
    await withdrawAppeal(ctx, b!.owner, { appealId: b!.appealId });

    await submitDraft(ctx, reviewer, { appealId: a!.appealId, text: ANSWER, outcome: "satisfied" });
    // While the draft waits for signature, the group keeps its members.
    expect(await refusal(removeFromGroup(ctx, registrar, { appealId: b!.appealId }))).toBe("group_appeal_closed");
    const [extra] = await appealsOf(1);
    expect(await refusal(groupWith(ctx, registrar, { appealId: a!.appealId, appealIds: [extra!.appealId] }))).toBe("group_awaiting_approval");
    const eventsBefore = await eventCount([b!.appealId, c!.appealId]);
    await returnDraft(ctx, head, { appealId: a!.appealId, comment: "Мерзімін нақтылаңыз" });
    const returned = await ctx.db.select().from(appealEvents).where(and(eq(appealEvents.kind, "returned"), inArray(appealEvents.appealId, [a!.appealId, b!.appealId, c!.appealId])));
    expect(returned.map((r) => r.appealId)).toEqual([a!.appealId]);
    expect(await eventCount([b!.appealId, c!.appealId])).toBe(eventsBefore);

    await submitDraft(ctx, reviewer, { appealId: a!.appealId, text: ANSWER, outcome: "satisfied" });
    const approved = await approveDraft(ctx, head, { appealId: a!.appealId, answerId: (await pendingDraft(ctx.db, a!.appealId))!.id });
    expect(approved.group).toMatchObject({ letters: 1, skipped: 1 });
    expect((await stateOf([a!.appealId, b!.appealId, c!.appealId])).map((x) => x.state)).toEqual(["answered", "withdrawn", "in_review"]);
    const trail = await ctx.db.select({ kind: appealEvents.kind }).from(appealEvents).where(eq(appealEvents.appealId, c!.appealId));
    expect(trail.map((t) => t.kind)).toEqual(["registered", "grouped", "classified", "ungrouped"]);
  });
});
