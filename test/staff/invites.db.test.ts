import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identify } from "../../core/people/users.js";
import { inviteCodeHash, INVITE_ALPHABET } from "../../core/staff/invite-code.js";
import { createInvite } from "../../core/staff/invites.js";
import { joinWithInvite } from "../../core/staff/join.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { addUnit, deactivateUnit, listUnits } from "../../core/staff/units.js";
import { deactivateStaff } from "../../core/staff/deactivate.js";
import { invites, users } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";
import { refusal } from "../support/refusal.js";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterAll(() => tdb.dispose());

const HOUR = 3_600_000;

describe(`staff invites on ${dbKind}`, () => {
  it("ships the department and its three sectors (Reg. 4), and the Judicial Administration above the JA units", async () => {
    const rows = await listUnits(testCtx(tdb.database), CONSOLE_OPERATOR);
    expect(rows.map((u) => [u.code, u.kind])).toEqual([
      ["general_department", "department"],
      ["document_flow", "sector"],
      ["appeals_review", "sector"],
      ["citizens_reception", "sector"],
      ["judicial_administration", "administration"],
    ]);
    expect(rows.find((u) => u.code === "appeals_review")).toMatchObject({ nameKk: "Өтініштерді қарау секторы", nameRu: "Сектор рассмотрения обращений" });
  });

  it("turns a person into staff of the invite's role, unit and clearance, and keeps only the code's SHA-256", async () => {
    const ctx = testCtx(tdb.database);
    const invite = await createInvite(ctx, CONSOLE_OPERATOR, { role: "reviewer", unitCode: "appeals_review", clearance: true });
    expect(invite.code).toMatch(new RegExp(`^[${INVITE_ALPHABET}]{10}$`));
    const [stored] = await ctx.db.select().from(invites).where(eq(invites.codeSha256, inviteCodeHash(invite.code)));
    expect(JSON.stringify(stored)).not.toContain(invite.code);
    expect(stored!.createdBy).toBeNull();

    const person = await identify(ctx, { telegramId: 8101 });
    const joined = await joinWithInvite(ctx, person, { code: invite.code.toLowerCase(), fullName: "Асқар Нұрланұлы" });
    expect(joined).toMatchObject({ role: "reviewer", unit: { code: "appeals_review" }, actor: { role: "reviewer", clearance: true } });
    const [row] = await ctx.db.select().from(users).where(eq(users.id, person.userId));
    expect(row).toMatchObject({ role: "reviewer", clearance: true, fullName: "Асқар Нұрланұлы", unitId: joined.unit.id, active: true });
  });

  it("lets an admin in the bot invite, recording who did", async () => {
    const ctx = testCtx(tdb.database);
    const admin = await staffMember(ctx, 8102, "admin");
    const invite = await createInvite(ctx, admin, { role: "registrar", unitCode: "document_flow" });
    const [stored] = await ctx.db.select().from(invites).where(eq(invites.codeSha256, inviteCodeHash(invite.code)));
    expect(stored).toMatchObject({ createdBy: admin.userId, clearance: false });
    expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBe(72 * HOUR);
  });

  it("refuses an expired code, a used code and an unknown one", async () => {
    const ctx = testCtx(tdb.database);
    const invite = await createInvite(ctx, CONSOLE_OPERATOR, { role: "reception", unitCode: "citizens_reception", ttlHours: 2 });
    ctx.clock.advance(2 * HOUR);
    expect(await refusal(joinWithInvite(ctx, await identify(ctx, { telegramId: 8103 }), { code: invite.code, fullName: "Late" }))).toBe("invite_expired");

    const fresh = await createInvite(ctx, CONSOLE_OPERATOR, { role: "reception", unitCode: "citizens_reception" });
    await joinWithInvite(ctx, await identify(ctx, { telegramId: 8104 }), { code: fresh.code, fullName: "First" });
    expect(await refusal(joinWithInvite(ctx, await identify(ctx, { telegramId: 8105 }), { code: fresh.code, fullName: "Second" }))).toBe("invite_used");

    expect(await refusal(joinWithInvite(ctx, await identify(ctx, { telegramId: 8106 }), { code: "ABCDEFGHJK", fullName: "Guess" }))).toBe("invite_unknown");
    expect(await refusal(joinWithInvite(ctx, await identify(ctx, { telegramId: 8106 }), { code: "not a code", fullName: "Guess" }))).toBe("invite_unknown");
  });

  it("refuses invites and units to citizens and to staff who are not admins", async () => {
    const ctx = testCtx(tdb.database);
    const citizen = await signedUpCitizen(ctx, 8107);
    expect(await refusal(createInvite(ctx, citizen, { role: "admin", unitCode: "general_department" }))).toBe("staff_only");
    const head = await staffMember(ctx, 8108, "head");
    expect(await refusal(createInvite(ctx, head, { role: "reviewer", unitCode: "appeals_review" }))).toBe("forbidden");
    expect(await refusal(addUnit(ctx, citizen, { code: "x_unit", kind: "ja_unit", nameKk: "Бөлім", nameRu: "Отдел" }))).toBe("staff_only");
  });

  it("invites to no unknown, inactive or external unit", async () => {
    const ctx = testCtx(tdb.database);
    expect(await refusal(createInvite(ctx, CONSOLE_OPERATOR, { role: "executor", unitCode: "nowhere" }))).toBe("unit_unknown");
    await addUnit(ctx, CONSOLE_OPERATOR, { code: "prosecutor", kind: "external_body", nameKk: "Прокуратура", nameRu: "Прокуратура" });
    expect(await refusal(createInvite(ctx, CONSOLE_OPERATOR, { role: "executor", unitCode: "prosecutor" }))).toBe("unit_has_no_staff");
    await addUnit(ctx, CONSOLE_OPERATOR, { code: "old_unit", kind: "ja_unit", nameKk: "Ескі бөлім", nameRu: "Старый отдел" });
    await deactivateUnit(ctx, CONSOLE_OPERATOR, { code: "old_unit" });
    expect(await refusal(createInvite(ctx, CONSOLE_OPERATOR, { role: "executor", unitCode: "old_unit" }))).toBe("unit_unknown");
    expect(await refusal(addUnit(ctx, CONSOLE_OPERATOR, { code: "old_unit", kind: "ja_unit", nameKk: "Тағы", nameRu: "Ещё" }))).toBe("unit_code_taken");
  });

  it("lets exactly one of two people joining with one code at the same time in", async () => {
    const ctx = testCtx(tdb.database);
    const invite = await createInvite(ctx, CONSOLE_OPERATOR, { role: "registrar", unitCode: "document_flow" });
    const [a, b] = [await identify(ctx, { telegramId: 8109 }), await identify(ctx, { telegramId: 8110 })];
    const results = await Promise.allSettled([
      joinWithInvite(ctx, a, { code: invite.code, fullName: "A" }),
      joinWithInvite(ctx, b, { code: invite.code, fullName: "B" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected");
    expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: "invite_used" });
    const roles = await ctx.db.select({ role: users.role }).from(users).where(eq(users.telegramId, 8109));
    const rolesB = await ctx.db.select({ role: users.role }).from(users).where(eq(users.telegramId, 8110));
    expect([roles[0]!.role, rolesB[0]!.role].sort()).toEqual(["citizen", "registrar"]);
  });

  it("keeps a deactivated person out, even with an unused code, and staff need no second code", async () => {
    const ctx = testCtx(tdb.database);
    const first = await createInvite(ctx, CONSOLE_OPERATOR, { role: "reviewer", unitCode: "appeals_review" });
    const spare = await createInvite(ctx, CONSOLE_OPERATOR, { role: "reviewer", unitCode: "appeals_review" });
    const person = await identify(ctx, { telegramId: 8111 });
    const joined = await joinWithInvite(ctx, person, { code: first.code, fullName: "Leaver" });
    expect(await refusal(joinWithInvite(ctx, joined.actor, { code: spare.code, fullName: "Leaver" }))).toBe("already_staff");

    await deactivateStaff(ctx, CONSOLE_OPERATOR, { userId: person.userId });
    const again = await identify(ctx, { telegramId: 8111 });
    expect(again.active).toBe(false);
    expect(await refusal(joinWithInvite(ctx, again, { code: first.code, fullName: "Leaver" }))).toBe("staff_deactivated");
    expect(await refusal(joinWithInvite(ctx, again, { code: spare.code, fullName: "Leaver" }))).toBe("staff_deactivated");
    // The spare code is still unused and works for someone else.
    const other = await joinWithInvite(ctx, await identify(ctx, { telegramId: 8112 }), { code: spare.code, fullName: "Newcomer" });
    expect(other.role).toBe("reviewer");
  });
});
