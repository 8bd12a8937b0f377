import { randomUUID } from "node:crypto";
import { and, eq, gt, max } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveDraft, pendingDraft, submitDraft } from "../../core/appeals/answer.js";
import { awaitingMyApproval } from "../../core/appeals/approval-queue.js";
import { auditTrail } from "../../core/appeals/audit.js";
import { byPostQueue } from "../../core/appeals/by-post.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { morningDigests } from "../../core/appeals/digest.js";
import { writeOverdueNotices } from "../../core/appeals/deadline-reminders.js";
import { pendingExtensions, requestExtension } from "../../core/appeals/extension.js";
import { appealFullText } from "../../core/appeals/full-text.js";
import { newAppeal, newAppeals } from "../../core/appeals/registrar-queue.js";
import { registerAppeal } from "../../core/appeals/register.js";
import { reminderDay } from "../../core/appeals/reminder-day.js";
import { searchAppeals } from "../../core/appeals/search.js";
import { staffAppealCard } from "../../core/appeals/staff-card.js";
import { openAppeals } from "../../core/appeals/staff-view.js";
import { markUnreachable } from "../../core/outbox/delivery.js";
import { addEntry } from "../../core/registry/entries.js";
import { entryCard, entryIdByNumber, listEntries, searchEntries } from "../../core/registry/journal-view.js";
import { setRestricted } from "../../core/registry/restrict.js";
import type { Actor } from "../../core/shared/roles.js";
import { outbox, users } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";

/**
 * Documents for official use (ДСП) over every read path: lists, search, cards, full text, queues,
 * extensions, the by-post list, digests, overdue notices, the audit and the journals. An uncleared
 * registrar and an uncleared Head find nothing of them; a cleared registrar finds each.
 */
const SECRET = "Судьяның тәртіптік ісі бойынша құпия мәлімет";

let tdb: TestDatabase;
let ctx: ReturnType<typeof testCtx>;
let cleared: Actor;
let reviewer: Actor;
let approver: Actor;
let registrar: Actor;
let head: Actor;
const numbers: string[] = [];
const entryNumbers: string[] = [];
let appealIds: number[] = [];
let entryIds: number[] = [];
let markedAfter = 0;

async function clear(actor: Actor): Promise<Actor> {
  await ctx.db.update(users).set({ clearance: true }).where(eq(users.id, actor.userId));
  return { ...actor, clearance: true };
}

beforeAll(async () => {
  tdb = await openTestDatabase();
  ctx = testCtx(tdb.database, "2026-03-02T10:00:00+05:00");
  cleared = await clear(await staffMember(ctx, 9501, "registrar"));
  reviewer = await clear(await staffMember(ctx, 9502, "reviewer"));
  approver = await clear(await staffMember(ctx, 9503, "head"));
  registrar = await staffMember(ctx, 9504, "registrar");
  head = await staffMember(ctx, 9505, "head");
  const citizen = await signedUpCitizen(ctx, 9506);
  const file = (replyChannel: "chat") => registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "complaint", text: SECRET, language: "kk", replyChannel });
  const waiting = await file("chat");
  const inReview = await file("chat");
  const byPost = await file("chat");
  appealIds = [waiting.appealId, inReview.appealId, byPost.appealId];
  for (const appealId of appealIds) await setRestricted(ctx, cleared, { target: "appeal", id: appealId, restricted: true, reason: "Тәртіптік іс" });
  // What was said of them before the mark (the new appeal's notice) was said of an ordinary appeal.
  markedAfter = (await ctx.db.select({ id: max(outbox.id) }).from(outbox))[0]!.id ?? 0;
  // One waits for preliminary review; one is held, with a draft and an extension asked; one was answered by post.
  await classifyAppeal(ctx, cleared, { appealId: inReview.appealId, category: "judge_conduct", holderUserId: reviewer.userId });
  await requestExtension(ctx, reviewer, { appealId: inReview.appealId, reason: "Сот ісі сұратылды", dueOn: "2026-04-10" });
  await submitDraft(ctx, reviewer, { appealId: inReview.appealId, text: SECRET, outcome: "explained" });
  await classifyAppeal(ctx, cleared, { appealId: byPost.appealId, category: "judge_conduct", holderUserId: reviewer.userId });
  await submitDraft(ctx, reviewer, { appealId: byPost.appealId, text: SECRET, outcome: "explained" });
  await approveDraft(ctx, approver, { appealId: byPost.appealId, answerId: (await pendingDraft(ctx.db, byPost.appealId))!.id });
  // The applicant blocked the bot: the answer goes on the list to send by post.
  const [answer] = await ctx.db
    .update(outbox)
    .set({ status: "sending", claimedAt: ctx.clock.now() })
    .where(and(eq(outbox.appealId, byPost.appealId), eq(outbox.chatId, citizen.telegramId), eq(outbox.status, "pending")))
    .returning();
  await markUnreachable(ctx, answer!, "blocked", "Forbidden: bot was blocked by the user");
  numbers.push(waiting.number, inReview.number, byPost.number);

  const marked = await addEntry(ctx, cleared, { journal: "incoming", correspondent: "Жоғарғы Сот", summary: SECRET });
  await setRestricted(ctx, cleared, { target: "entry", id: marked.id, restricted: true, reason: "Тәртіптік іс" });
  const inJournal = await addEntry(ctx, cleared, { journal: "restricted", correspondent: "Жоғарғы Сот", summary: SECRET });
  entryIds = [marked.id, inJournal.id];
  entryNumbers.push(marked.number, inJournal.number);
});
afterAll(() => tdb.dispose());

/** Everything a read gave back, as one text: none of it may name a ДСП item. */
function expectNothingRestricted(found: unknown): void {
  const text = JSON.stringify(found) ?? "";
  for (const secret of [SECRET, ...numbers, ...entryNumbers]) expect(text).not.toContain(secret);
}

/** A read that names one ДСП item is refused, whatever it names. */
async function expectRefused(read: Promise<unknown>): Promise<void> {
  await expect(read).rejects.toThrow(/clearance_required|appeal_not_found|entry_not_found|forbidden|appeal_wrong_state/);
}

describe(`ДСП over every read path (${dbKind})`, () => {
  it("shows an uncleared registrar and an uncleared Head nothing of them, in any list, search, card, queue or trail", async () => {
    for (const actor of [registrar, head]) {
      expectNothingRestricted(await openAppeals(ctx, actor));
      for (const words of [...numbers, "тәртіптік ісі"]) expectNothingRestricted(await searchAppeals(ctx, actor, words));
      for (const appealId of appealIds) {
        await expectRefused(staffAppealCard(ctx, actor, appealId));
        await expectRefused(appealFullText(ctx, actor, appealId));
        await expectRefused(newAppeal(ctx, actor, appealId));
      }
      for (const number of numbers) await expectRefused(auditTrail(ctx, actor, number));
      expectNothingRestricted(await newAppeals(ctx, actor));
      expectNothingRestricted(await byPostQueue(ctx, actor));
      for (const journal of ["incoming", "outgoing"] as const) expectNothingRestricted(await listEntries(ctx, actor, { journal, limit: 500 }));
      await expectRefused(listEntries(ctx, actor, { journal: "restricted" }));
      expectNothingRestricted(await searchEntries(ctx, actor, "Жоғарғы Сот"));
      for (const entryId of entryIds) await expectRefused(entryCard(ctx, actor, entryId));
      for (const number of entryNumbers) await expectRefused(entryIdByNumber(ctx, actor, number));
    }
    expectNothingRestricted(await awaitingMyApproval(ctx, head));
    expectNothingRestricted(await pendingExtensions(ctx, head));
  });

  it("tells uncleared staff nothing of them: no digest line, no overdue, draft, extension or by-post notice", async () => {
    ctx.clock.set("2026-05-04T09:30:00+05:00");
    const digests = await morningDigests(ctx, (await reminderDay(ctx))!);
    expectNothingRestricted(digests.filter((d) => d.userId === head.userId || d.userId === registrar.userId));
    expect(JSON.stringify(digests.find((d) => d.userId === approver.userId))).toContain(numbers[1]);
    await writeOverdueNotices(ctx);
    for (const uncleared of [head, registrar]) expectNothingRestricted(await ctx.db.select().from(outbox).where(and(eq(outbox.chatId, uncleared.telegramId), gt(outbox.id, markedAfter))));
    expect(JSON.stringify(await ctx.db.select().from(outbox).where(eq(outbox.chatId, approver.telegramId)))).toContain(numbers[1]);
    ctx.clock.set("2026-03-02T10:00:00+05:00");
  });

  it("shows each of them to a cleared registrar", async () => {
    expect((await newAppeals(ctx, cleared)).map((a) => a.number)).toContain(numbers[0]);
    expect((await searchAppeals(ctx, cleared, numbers[1]!)).map((a) => a.number)).toEqual([numbers[1]]);
    expect(JSON.stringify(await staffAppealCard(ctx, cleared, appealIds[1]!))).toContain(numbers[1]);
    expect(JSON.stringify(await byPostQueue(ctx, cleared))).toContain(numbers[2]);
    expect((await auditTrail(ctx, cleared, numbers[0]!)).lines.map((l) => l.kind)).toContain("restricted");
    expect((await listEntries(ctx, cleared, { journal: "restricted" })).lines.map((l) => l.number)).toEqual([entryNumbers[1]]);
    expect((await searchEntries(ctx, cleared, "Жоғарғы Сот")).map((l) => l.number).sort()).toEqual([...entryNumbers].sort());
  });
});
