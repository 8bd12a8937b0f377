import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pendingDraft } from "../../core/appeals/answer.js";
import { myAppeal } from "../../core/appeals/citizen-view.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { beginDraft, draftFromTemplate, draftLetter, draftOutcome, draftText, submitDraftFlow } from "../../core/appeals/draft-flow.js";
import { eventsOf } from "../../core/appeals/events.js";
import { decideExtension, pendingExtensions, requestExtension } from "../../core/appeals/extension.js";
import { registerAppeal } from "../../core/appeals/register.js";
import { appeals, deadlinePolicies, outbox } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";
import { pdfText, skipPdfText } from "../support/pdf-text.js";
import { refusal, refusalOf } from "../support/refusal.js";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterAll(() => tdb.dispose());

const TEXT = "Сот шешімінің көшірмесін алу тәртібін түсіндіруіңізді сұраймын.";

/** Registered on Wednesday 1 April 2026 and classified to a reviewer: due 22 April. */
async function heldAppeal(ctx: ReturnType<typeof testCtx>, citizenId: number, reviewerId: number, language: "kk" | "ru" = "kk") {
  const citizen = await signedUpCitizen(ctx, citizenId);
  const registrar = await staffMember(ctx, reviewerId + 1, "registrar");
  const reviewer = await staffMember(ctx, reviewerId, "reviewer");
  const receipt = await registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "request", text: TEXT, language, replyChannel: "chat" });
  await classifyAppeal(ctx, registrar, { appealId: receipt.appealId, category: "court_proceedings", holderUserId: reviewer.userId });
  return { citizen, registrar, reviewer, ...receipt };
}

const keysFor = async (ctx: ReturnType<typeof testCtx>, chatId: number) =>
  (await ctx.db.select().from(outbox).where(eq(outbox.chatId, chatId))).map((o) => (o.payload as { key: string }).key);

describe(`drafting an answer on ${dbKind}`, () => {
  it("starts from the category's template in the appeal's language with the citizen's name and number filled in", async () => {
    const ctx = testCtx(tdb.database, "2026-04-01T10:00:00+05:00");
    const { reviewer, appealId, number } = await heldAppeal(ctx, 8101, 8201, "ru");
    const { templates } = await beginDraft(ctx, reviewer, appealId);
    expect(templates.length).toBeGreaterThan(0);
    expect(templates[0]!.text).toContain("Уважаемый(ая) Серікқызы Айгерім!");
    expect(templates[0]!.text).toContain(`№ ${number} от 01.04.2026`);
    expect(templates[0]!.text).not.toMatch(/\{\{/);
  });

  it("goes template → own text → outcome → letter preview → submit, once, and the Head finds it", async () => {
    const ctx = testCtx(tdb.database, "2026-04-01T10:00:00+05:00");
    const { reviewer, appealId } = await heldAppeal(ctx, 8102, 8203);
    await staffMember(ctx, 8299, "head");
    const { templates } = await beginDraft(ctx, reviewer, appealId);
    await draftFromTemplate(ctx, reviewer, appealId, templates[0]!.id);
    expect(await refusal(draftText(ctx, reviewer, "   "))).toBe("text_empty");
    await draftText(ctx, reviewer, "Құрметті Айгерім! Көшірмені Астана қаласының сотынан алуға болады.");
    expect(await refusal(submitDraftFlow(ctx, reviewer, appealId))).toBe("stale_button");
    expect(await refusal(draftOutcome(ctx, reviewer, appealId, "approved"))).toBe("invalid_input");
    await draftOutcome(ctx, reviewer, appealId, "explained");
    const letter = await draftLetter(ctx, reviewer, appealId);
    if (!skipPdfText) {
      const text = await pdfText(letter.pdf);
      expect(text).toContain("ЖОБА");
      expect(text).toContain("Астана қаласының сотынан");
    }
    await submitDraftFlow(ctx, reviewer, appealId);
    expect(await refusal(submitDraftFlow(ctx, reviewer, appealId))).toBe("stale_button");
    expect((await pendingDraft(ctx.db, appealId))?.text).toBe("Құрметті Айгерім! Көшірмені Астана қаласының сотынан алуға болады.");
    expect(await keysFor(ctx, 8299)).toContain("staff.notice.draft_submitted");
  });

  it("holds back a bare template once, even typed back word for word, and sends it at the second tap", async () => {
    const ctx = testCtx(tdb.database, "2026-04-01T10:00:00+05:00");
    const { reviewer, appealId } = await heldAppeal(ctx, 8108, 8217);
    const { templates } = await beginDraft(ctx, reviewer, appealId);
    const { text } = await draftFromTemplate(ctx, reviewer, appealId, templates[0]!.id);
    await draftText(ctx, reviewer, `${text}\n`);
    await draftOutcome(ctx, reviewer, appealId, "explained");
    expect(await submitDraftFlow(ctx, reviewer, appealId)).toEqual({ untouchedTemplate: true });
    expect(await pendingDraft(ctx.db, appealId)).toBeNull();
    const sent = await submitDraftFlow(ctx, reviewer, appealId);
    expect("appeal" in sent && sent.appeal.state).toBe("awaiting_approval");
    expect((await pendingDraft(ctx.db, appealId))?.text).toBe(text.trim());
  });

  it("refuses a draft on an appeal somebody else holds", async () => {
    const ctx = testCtx(tdb.database, "2026-04-01T10:00:00+05:00");
    const { appealId } = await heldAppeal(ctx, 8103, 8205);
    const stranger = await staffMember(ctx, 8207, "reviewer");
    expect(await refusal(beginDraft(ctx, stranger, appealId))).toBe("forbidden");
  });
});

describe(`extending a deadline on ${dbKind}`, () => {
  it("refuses a date past two months after registration, a day off, an earlier date, an empty reason and a second request", async () => {
    const ctx = testCtx(tdb.database, "2026-04-01T10:00:00+05:00");
    const { reviewer, appealId } = await heldAppeal(ctx, 8104, 8209);
    const appeal = (await ctx.db.select().from(appeals).where(eq(appeals.id, appealId)))[0]!;
    expect(appeal).toMatchObject({ registeredOn: "2026-04-01", dueOn: "2026-04-22" });
    // The whole term is capped (APPK Art. 76(2), read strictly): 1 June, not two months after 22 April.
    const tooLong = await refusalOf(requestExtension(ctx, reviewer, { appealId, reason: "Нужен запрос в суд", dueOn: "2026-06-02" }));
    expect(tooLong.code).toBe("extension_too_long");
    expect(tooLong.params).toEqual({ latest: "2026-06-01" });
    expect((await refusalOf(requestExtension(ctx, reviewer, { appealId, reason: "Запрос", dueOn: "2026-05-09" }))).params).toEqual({ next: "2026-05-12" });
    expect(await refusal(requestExtension(ctx, reviewer, { appealId, reason: "Запрос", dueOn: "2026-04-20" }))).toBe("extension_not_later");
    expect(await refusal(requestExtension(ctx, reviewer, { appealId, reason: "  ", dueOn: "2026-05-20" }))).toBe("comment_required");
    await requestExtension(ctx, reviewer, { appealId, reason: "Запрос материалов дела", dueOn: "2026-05-20" });
    expect(await refusal(requestExtension(ctx, reviewer, { appealId, reason: "Ещё", dueOn: "2026-05-21" }))).toBe("extension_pending");
    expect((await ctx.db.select().from(appeals).where(eq(appeals.id, appealId)))[0]!.dueOn).toBe("2026-04-22");
  });

  it("takes the cap from the policy row, so a lawyer's change to it moves the latest date", async () => {
    const ctx = testCtx(tdb.database, "2026-04-01T10:00:00+05:00");
    const { reviewer, appealId } = await heldAppeal(ctx, 8107, 8215);
    const type = (await ctx.db.select().from(appeals).where(eq(appeals.id, appealId)))[0]!.type;
    expect((await refusalOf(requestExtension(ctx, reviewer, { appealId, reason: "Запрос", dueOn: "2026-06-15" }))).params).toEqual({ latest: "2026-06-01" });
    await ctx.db.update(deadlinePolicies).set({ maxTermMonths: 3 }).where(eq(deadlinePolicies.appealType, type));
    try {
      await requestExtension(ctx, reviewer, { appealId, reason: "Запрос материалов дела", dueOn: "2026-06-15" });
      expect((await refusalOf(requestExtension(ctx, reviewer, { appealId, reason: "Ещё", dueOn: "2026-06-16" }))).code).toBe("extension_pending");
    } finally {
      await ctx.db.update(deadlinePolicies).set({ maxTermMonths: 2 }).where(eq(deadlinePolicies.appealType, type));
    }
  });

  it("moves the deadline when the Head grants it, tells the citizen the new date and reason, and refuses a second tap", async () => {
    const ctx = testCtx(tdb.database, "2026-04-01T10:00:00+05:00");
    const { reviewer, citizen, appealId } = await heldAppeal(ctx, 8105, 8211);
    const head = await staffMember(ctx, 8298, "head");
    const { extensionId } = await requestExtension(ctx, reviewer, { appealId, reason: "Сот материалдарын сұрату қажет", dueOn: "2026-05-20" });
    expect(await keysFor(ctx, 8298)).toContain("staff.notice.extension_requested");
    expect(await refusal(decideExtension(ctx, reviewer, { extensionId, grant: true }))).toBe("forbidden");
    expect((await pendingExtensions(ctx, head)).map((p) => p.extensionId)).toContain(extensionId);
    await decideExtension(ctx, head, { extensionId, grant: true });
    expect(await refusal(decideExtension(ctx, head, { extensionId, grant: false }))).toBe("extension_decided");

    const view = await myAppeal(ctx, citizen, { appealId });
    expect(view.appeal).toMatchObject({ dueOn: "2026-05-20", state: "in_review" });
    const notice = (await ctx.db.select().from(outbox).where(eq(outbox.chatId, 8105))).find((o) => (o.payload as { key: string }).key === "appeal.notice.extended");
    expect(notice?.payload).toMatchObject({ params: { due: "2026-05-20", reason: "Сот материалдарын сұрату қажет" } });
    expect(notice?.language).toBe("kk");
    expect(await keysFor(ctx, 8211)).toContain("staff.notice.extension_granted");
    const extended = (await eventsOf(ctx.db, appealId)).find((e) => e.kind === "deadline_extended");
    expect(extended).toMatchObject({ actorUserId: head.userId, comment: "Сот материалдарын сұрату қажет" });
  });

  it("keeps the deadline when a deputy refuses, and tells only the one who asked", async () => {
    const ctx = testCtx(tdb.database, "2026-04-01T10:00:00+05:00");
    const { reviewer, appealId } = await heldAppeal(ctx, 8106, 8213);
    const deputy = await staffMember(ctx, 8297, "deputy");
    const { extensionId } = await requestExtension(ctx, reviewer, { appealId, reason: "Запрос", dueOn: "2026-05-20" });
    await decideExtension(ctx, deputy, { extensionId, grant: false });
    expect((await ctx.db.select().from(appeals).where(eq(appeals.id, appealId)))[0]!.dueOn).toBe("2026-04-22");
    expect(await keysFor(ctx, 8213)).toContain("staff.notice.extension_refused");
    expect(await keysFor(ctx, 8106)).not.toContain("appeal.notice.extended");
  });
});
