import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveDraft, pendingDraft, submitDraft } from "../../core/appeals/answer.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { eventsOf } from "../../core/appeals/events.js";
import { registerAppeal } from "../../core/appeals/register.js";
import { letterOf } from "../../core/appeals/sign-letter.js";
import { identify } from "../../core/people/users.js";
import { can } from "../../core/shared/permissions.js";
import type { Actor } from "../../core/shared/roles.js";
import { activeDelegation, listDelegations, periodOfDays, revokeDelegation, setActingHead } from "../../core/staff/delegations.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { appealAnswers, appeals, outbox, users } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";
import { refusal } from "../support/refusal.js";

let tdb: TestDatabase;
let ctx: ReturnType<typeof testCtx>;
let head: Actor;
let deputy: Actor;
let secondDeputy: Actor;
let registrar: Actor;
let reviewer: Actor;
let citizen: Actor;
let admin: Actor;
beforeAll(async () => {
  tdb = await openTestDatabase();
  ctx = testCtx(tdb.database, "2026-03-02T09:00:00+05:00");
  citizen = await signedUpCitizen(ctx, 8401);
  head = await staffMember(ctx, 8402, "head");
  deputy = await staffMember(ctx, 8403, "deputy");
  secondDeputy = await staffMember(ctx, 8404, "deputy");
  registrar = await staffMember(ctx, 8405, "registrar");
  reviewer = await staffMember(ctx, 8406, "reviewer");
  admin = await staffMember(ctx, 8407, "admin");
  await ctx.db.update(users).set({ fullName: "Исабеков Бауыржан" }).where(eq(users.id, head.userId));
  await ctx.db.update(users).set({ fullName: "Омарова Динара" }).where(eq(users.id, deputy.userId));
});
afterAll(() => tdb.dispose());

const days = (from: string, to: string) => periodOfDays(from, to);

async function draftedAppeal(): Promise<{ appealId: number; answerId: number }> {
  const receipt = await registerAppeal(ctx, citizen, {
    draftId: randomUUID(),
    type: "request",
    text: "Сот отырысының күнін хабарлауыңызды сұраймын.",
    language: "kk",
    replyChannel: "chat",
  });
  await classifyAppeal(ctx, registrar, { appealId: receipt.appealId, category: "court_proceedings", holderUserId: reviewer.userId });
  await submitDraft(ctx, reviewer, { appealId: receipt.appealId, text: "Сот отырысы 10 сәуірге белгіленді.", outcome: "explained" });
  return { appealId: receipt.appealId, answerId: (await pendingDraft(ctx.db, receipt.appealId))!.id };
}

describe(`the Acting Head on ${dbKind}`, () => {
  it("covers whole Almaty days", () => {
    const period = days("2026-03-10", "2026-03-12");
    expect(period.from.toISOString()).toBe("2026-03-09T19:00:00.000Z");
    expect(period.to.toISOString()).toBe("2026-03-12T19:00:00.000Z");
  });

  it("is set by the Head or an administrator, for an active deputy, with no overlap", async () => {
    const set = await setActingHead(ctx, head, { deputyUserId: deputy.userId, ...days("2026-04-01", "2026-04-05") });
    expect(set).toMatchObject({ headUserId: head.userId, deputyUserId: deputy.userId, createdBy: head.userId, revokedAt: null });

    expect(await refusal(setActingHead(ctx, admin, { deputyUserId: secondDeputy.userId, ...days("2026-04-05", "2026-04-08") }))).toBe("delegation_overlap");
    const byAdmin = await setActingHead(ctx, admin, { deputyUserId: secondDeputy.userId, ...days("2026-04-06", "2026-04-08") });
    expect(byAdmin).toMatchObject({ headUserId: head.userId, createdBy: admin.userId });
    const byConsole = await setActingHead(ctx, CONSOLE_OPERATOR, { deputyUserId: deputy.userId, ...days("2026-04-09", "2026-04-09") });
    expect(byConsole.createdBy).toBeNull();

    expect(await refusal(setActingHead(ctx, citizen, { deputyUserId: deputy.userId, ...days("2026-05-01", "2026-05-02") }))).toBe("staff_only");
    expect(await refusal(setActingHead(ctx, reviewer, { deputyUserId: deputy.userId, ...days("2026-05-01", "2026-05-02") }))).toBe("forbidden");
    expect(await refusal(setActingHead(ctx, deputy, { deputyUserId: deputy.userId, ...days("2026-05-01", "2026-05-02") }))).toBe("forbidden");
    expect(await refusal(setActingHead(ctx, head, { deputyUserId: registrar.userId, ...days("2026-05-01", "2026-05-02") }))).toBe("deputy_not_found");
    const p = days("2026-05-01", "2026-05-02");
    expect(await refusal(setActingHead(ctx, head, { deputyUserId: deputy.userId, from: p.to, to: p.from }))).toBe("delegation_period_invalid");

    // Revoked, the period is free again.
    await revokeDelegation(ctx, head, { delegationId: byAdmin.id });
    expect(await refusal(revokeDelegation(ctx, head, { delegationId: byAdmin.id }))).toBe("delegation_not_found");
    await setActingHead(ctx, head, { deputyUserId: deputy.userId, ...days("2026-04-07", "2026-04-07") });
    expect((await listDelegations(ctx, admin)).map((d) => d.startsAt.toISOString().slice(0, 10))).toEqual(["2026-03-31", "2026-04-06", "2026-04-08"]);

    expect(await activeDelegation(ctx.db, new Date("2026-04-02T12:00:00+05:00"))).toMatchObject({ id: set.id });
    expect(await activeDelegation(ctx.db, new Date("2026-04-06T00:00:00+05:00"))).toBeNull();
  });

  it("lets the deputy approve only inside the period, on the Head's authority", async () => {
    const { appealId, answerId } = await draftedAppeal();
    const before = await identify(ctx, { telegramId: deputy.telegramId });
    expect(before.actingForUserId).toBeNull();
    expect(can(before, "appeal.approve")).toBe(false);
    expect(await refusal(approveDraft(ctx, before, { appealId, answerId }))).toBe("forbidden");

    await setActingHead(ctx, head, { deputyUserId: deputy.userId, ...days("2026-06-01", "2026-06-10") });
    ctx.clock.set("2026-06-11T00:00:01+05:00");
    expect((await identify(ctx, { telegramId: deputy.telegramId })).actingForUserId).toBeNull();
    ctx.clock.set("2026-06-05T10:00:00+05:00");
    const acting = await identify(ctx, { telegramId: deputy.telegramId });
    expect(acting.actingForUserId).toBe(head.userId);
    expect((await identify(ctx, { telegramId: secondDeputy.telegramId })).actingForUserId).toBeNull();

    // A deputy identified inside the period cannot sign once it is over.
    ctx.clock.set("2026-06-11T00:00:00+05:00");
    expect(await refusal(approveDraft(ctx, acting, { appealId, answerId }))).toBe("forbidden");
    ctx.clock.set("2026-06-10T23:59:00+05:00");

    // The deputy signs in their own name under the acting title; the authority is on record (below).
    const [appeal] = await ctx.db.select().from(appeals).where(eq(appeals.id, appealId));
    const letter = await letterOf(ctx.db, acting, appeal!, { text: "x", outcome: "explained" }, { outgoingNumber: null, date: "2026-06-10" });
    expect(letter.signer).toEqual({ name: "Омарова Динара", position: "Меңгерушінің м.а." });

    await approveDraft(ctx, acting, { appealId, answerId });
    const approved = (await eventsOf(ctx.db, appealId)).find((e) => e.kind === "approved")!;
    expect(approved).toMatchObject({ actorUserId: deputy.userId, authorityUserId: head.userId });
    const [answer] = await ctx.db.select().from(appealAnswers).where(eq(appealAnswers.id, answerId));
    expect(answer).toMatchObject({ approvedByUserId: deputy.userId, authorityUserId: head.userId });
  });

  it("tells the acting deputy of a new draft while the delegation is in force, and only then", async () => {
    ctx.clock.set("2026-07-01T10:00:00+05:00");
    const notified = async () => {
      const { appealId } = await draftedAppeal();
      const [appeal] = await ctx.db.select().from(appeals).where(eq(appeals.id, appealId));
      const rows = await ctx.db.select().from(outbox);
      return rows.filter((r) => (r.payload as { key: string; params: { number?: string } }).key === "staff.notice.draft_submitted" && (r.payload as { params: { number?: string } }).params.number === appeal!.number).map((r) => r.chatId).sort();
    };
    expect(await notified()).toEqual([head.telegramId]);
    await setActingHead(ctx, admin, { deputyUserId: deputy.userId, ...days("2026-07-01", "2026-07-02") });
    expect(await notified()).toEqual([head.telegramId, deputy.telegramId].sort());
  });
});
