import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveDraft, pendingDraft, returnDraft, submitDraft } from "../../core/appeals/answer.js";
import { rateAnswer, supplementAppeal, withdrawAppeal } from "../../core/appeals/citizen-actions.js";
import { myAppeal, listMyAppeals } from "../../core/appeals/citizen-view.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { eventsOf } from "../../core/appeals/events.js";
import { forwardExternal } from "../../core/appeals/forward.js";
import { registerAppeal } from "../../core/appeals/register.js";
import { outbox } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { refusal } from "../support/refusal.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterAll(() => tdb.dispose());

const TEXT = "Прошу разъяснить порядок получения копии решения суда по гражданскому делу";

describe(`appeal lifecycle on ${dbKind}`, () => {
  it("registers with a number, the registration date and the deadline, on a working day", async () => {
    // Friday 20 March 2026, 11:00 Almaty: 23–25 March are Nauryz, so 15 working days end on 15 April.
    const ctx = testCtx(tdb.database, "2026-03-20T11:00:00+05:00");
    const citizen = await signedUpCitizen(ctx, 7001);
    const receipt = await registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "request", text: TEXT, language: "ru", replyChannel: "chat" });
    expect(receipt).toMatchObject({ number: "ЖТ-2026-000001", registeredOn: "2026-03-20", dueOn: "2026-04-15", state: "registered", holder: "registry" });
  });

  it("registers an appeal received on a holiday on the next working day, and a legal entity under ЗТ", async () => {
    // Monday 23 March 2026 (Nauryz): registered Thursday 26 March; 15 working days → 16 April.
    const ctx = testCtx(tdb.database, "2026-03-23T10:00:00+05:00");
    const company = await signedUpCitizen(ctx, 7002, { kind: "legal", iin: null, bin: "040840300024", organization: "ТОО Дала" });
    const receipt = await registerAppeal(ctx, company, { draftId: randomUUID(), type: "proposal", text: TEXT, language: "kk", replyChannel: "post", postalAddress: "010000, Астана, Мәңгілік Ел даңғылы, 1" });
    expect(receipt).toMatchObject({ number: "ЗТ-2026-000001", registeredOn: "2026-03-26", dueOn: "2026-04-16" });
  });

  it("warns the operator when a deadline runs into a year whose holidays were never loaded", async () => {
    const ctx = testCtx(tdb.database, "2026-12-21T10:00:00+05:00");
    const citizen = await signedUpCitizen(ctx, 7010);
    await registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "request", text: TEXT, language: "ru", replyChannel: "chat" });
    expect(ctx.log.warnings).toEqual([{ year: 2027 }]);
  });

  it("refuses empty and over-long texts and a post answer without an address, registering nothing", async () => {
    const ctx = testCtx(tdb.database);
    const citizen = await signedUpCitizen(ctx, 7003);
    const base = { draftId: randomUUID(), type: "complaint" as const, language: "kk" as const, replyChannel: "chat" as const };
    expect(await refusal(registerAppeal(ctx, citizen, { ...base, text: "   " }))).toBe("text_empty");
    expect(await refusal(registerAppeal(ctx, citizen, { ...base, text: "ж".repeat(10_001) }))).toBe("text_too_long");
    expect(await refusal(registerAppeal(ctx, citizen, { ...base, text: TEXT, replyChannel: "post" }))).toBe("address_length");
    expect((await listMyAppeals(ctx, citizen)).total).toBe(0);
  });

  it("refuses an answer that skips the preliminary review, but takes a decision to leave it without review", async () => {
    const ctx = testCtx(tdb.database);
    const citizen = await signedUpCitizen(ctx, 7009);
    const registrar = await staffMember(ctx, 7107, "registrar");
    const { appealId } = await registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "report", text: TEXT, language: "ru", replyChannel: "chat" });
    expect(await refusal(submitDraft(ctx, registrar, { appealId, text: "Ответ", outcome: "explained" }))).toBe("appeal_wrong_state");
    await submitDraft(ctx, registrar, { appealId, text: "Анонимное обращение без подписи", outcome: "left_without_review" });
    expect((await myAppeal(ctx, citizen, { appealId })).appeal.state).toBe("awaiting_approval");
  });

  it("goes registered → in review → awaiting approval → returned → approved, with events and one answer notice", async () => {
    const ctx = testCtx(tdb.database, "2026-04-01T09:00:00+05:00");
    const citizen = await signedUpCitizen(ctx, 7004);
    const registrar = await staffMember(ctx, 7101, "registrar");
    const reviewer = await staffMember(ctx, 7102, "reviewer");
    const head = await staffMember(ctx, 7103, "head");
    const { appealId } = await registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "application", text: TEXT, language: "kk", replyChannel: "chat" });

    expect(await refusal(classifyAppeal(ctx, citizen, { appealId, category: "general" }))).toBe("staff_only");
    await classifyAppeal(ctx, registrar, { appealId, category: "court_proceedings", holderUserId: reviewer.userId });
    expect(await refusal(classifyAppeal(ctx, registrar, { appealId, category: "general" }))).toBe("appeal_wrong_state");
    await submitDraft(ctx, reviewer, { appealId, text: "Көшірмені сот кеңсесінен алуға болады.", outcome: "explained" });
    const firstDraft = (await pendingDraft(ctx.db, appealId))!;
    expect(await refusal(approveDraft(ctx, reviewer, { appealId, answerId: firstDraft.id }))).toBe("forbidden");
    expect(await refusal(returnDraft(ctx, head, { appealId, comment: "  " }))).toBe("comment_required");
    await returnDraft(ctx, head, { appealId, comment: "Сот атауын көрсетіңіз" });
    await submitDraft(ctx, reviewer, { appealId, text: "Көшірмені Астана қаласының сотынан алуға болады.", outcome: "explained" });
    // An Approve left over from the returned draft must not sign the new one unseen.
    expect(await refusal(approveDraft(ctx, head, { appealId, answerId: firstDraft.id }))).toBe("stale_button");
    const answerId = (await pendingDraft(ctx.db, appealId))!.id;
    const [first, second] = await Promise.allSettled([approveDraft(ctx, head, { appealId, answerId }), approveDraft(ctx, head, { appealId, answerId })]);
    expect([first.status, second.status].sort()).toEqual(["fulfilled", "rejected"]);

    const view = await myAppeal(ctx, citizen, { appealId });
    expect(view.appeal.state).toBe("answered");
    expect(view.answer).toMatchObject({ outcome: "explained", text: "Көшірмені Астана қаласының сотынан алуға болады." });
    expect(view.history.map((h) => h.kind)).toEqual(["registered", "classified", "approved"]);
    const kinds = (await eventsOf(ctx.db, appealId)).map((e) => e.kind);
    expect(kinds).toEqual(["registered", "classified", "draft_submitted", "returned", "draft_submitted", "approved"]);
    const notices = (await ctx.db.select().from(outbox)).filter((o) => o.chatId === 7004 && (o.payload as { params: { number?: string } }).params.number === view.appeal.number);
    expect(notices.map((n) => (n.payload as { key: string }).key)).toEqual(["appeal.notice.in_review", "appeal.notice.answered"]);
    expect(notices[0]!.language).toBe("kk");

    await rateAnswer(ctx, citizen, { appealId, rating: "satisfied" });
    expect(await refusal(rateAnswer(ctx, citizen, { appealId, rating: "unsatisfied" }))).toBe("already_rated");
    expect(await refusal(supplementAppeal(ctx, citizen, { appealId, text: "ещё" }))).toBe("appeal_closed");
  });

  it("lets only the owner see, withdraw and supplement an appeal, once", async () => {
    const ctx = testCtx(tdb.database);
    const owner = await signedUpCitizen(ctx, 7005);
    const other = await signedUpCitizen(ctx, 7006);
    const receipt = await registerAppeal(ctx, owner, { draftId: randomUUID(), type: "report", text: TEXT, language: "ru", replyChannel: "chat" });
    expect(await refusal(myAppeal(ctx, other, { number: receipt.number }))).toBe("appeal_not_found");
    expect(await refusal(withdrawAppeal(ctx, other, { appealId: receipt.appealId }))).toBe("appeal_not_found");
    await supplementAppeal(ctx, owner, { appealId: receipt.appealId, text: "Прилагаю номер дела 2-123/2026" });
    await withdrawAppeal(ctx, owner, { appealId: receipt.appealId });
    expect(await refusal(withdrawAppeal(ctx, owner, { appealId: receipt.appealId }))).toBe("appeal_closed");
    expect((await myAppeal(ctx, owner, { number: receipt.number.toLowerCase() })).appeal).toMatchObject({ state: "withdrawn" });
  });

  it("forwards to another state body, closing it here and telling the citizen where", async () => {
    const ctx = testCtx(tdb.database);
    const citizen = await signedUpCitizen(ctx, 7007);
    const registrar = await staffMember(ctx, 7104, "registrar");
    const { appealId, number } = await registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "complaint", text: TEXT, language: "ru", replyChannel: "chat" });
    await forwardExternal(ctx, registrar, { appealId, body: "Генеральная прокуратура", reason: "Вопрос прокурорского надзора" });
    expect(await refusal(forwardExternal(ctx, registrar, { appealId, body: "Генеральная прокуратура", reason: "повтор" }))).toBe("appeal_closed");
    const [notice] = (await ctx.db.select().from(outbox)).filter((o) => o.appealId !== null && (o.payload as { params: { number?: string } }).params.number === number);
    expect(notice!.payload).toMatchObject({ key: "appeal.notice.forwarded_external", params: { body: "Генеральная прокуратура" } });
  });

  it("flags a repeated appeal on an answered subject but still registers it", async () => {
    const ctx = testCtx(tdb.database);
    const citizen = await signedUpCitizen(ctx, 7008);
    const registrar = await staffMember(ctx, 7105, "registrar");
    const head = await staffMember(ctx, 7106, "head");
    const first = await registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "request", text: TEXT, language: "ru", replyChannel: "chat" });
    await classifyAppeal(ctx, registrar, { appealId: first.appealId, category: "general" });
    await submitDraft(ctx, registrar, { appealId: first.appealId, text: "Ответ", outcome: "explained" });
    await approveDraft(ctx, head, { appealId: first.appealId, answerId: (await pendingDraft(ctx.db, first.appealId))!.id });
    const again = await registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "request", text: `${TEXT}!`, language: "ru", replyChannel: "chat" });
    const fresh = await registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "request", text: "Совсем другой вопрос о графике личного приёма председателя", language: "ru", replyChannel: "chat" });
    expect(again.repeated).toBe(true);
    expect(fresh.repeated).toBe(false);
  });

  it("keeps the event trail append-only in the database", async () => {
    const ctx = testCtx(tdb.database);
    const failure = (query: Promise<unknown>) =>
      query.then(
        () => "changed",
        (error: Error & { cause?: Error }) => `${error.message} ${error.cause?.message ?? ""}`,
      );
    expect(await failure(ctx.db.execute(sql`update appeal_events set comment = 'x'`))).toMatch(/append-only: UPDATE refused/);
    expect(await failure(ctx.db.execute(sql`delete from appeal_events`))).toMatch(/append-only: DELETE refused/);
  });
});
