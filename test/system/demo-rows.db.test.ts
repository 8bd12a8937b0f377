import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestRecipients } from "../../core/appeals/digest.js";
import { forwardTargets, reviewerWorkload } from "../../core/appeals/registrar-queue.js";
import { executorChoices } from "../../core/control/record-flow.js";
import { assignRoles } from "../../core/people/users.js";
import { activeOfficials, addOfficial } from "../../core/reception/officials.js";
import { assignableStaff } from "../../core/reception/outcome.js";
import type { Ctx } from "../../core/shared/context.js";
import { ROLES, type Actor } from "../../core/shared/roles.js";
import { currentApprovers } from "../../core/staff/approvers.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { roleHolders } from "../../core/staff/recipients.js";
import { activeStaff } from "../../core/staff/roster.js";
import { addUnit } from "../../core/staff/units.js";
import { seedDemo } from "../../sandbox/demo/seed.js";
import { DEMO_USERS } from "../../sandbox/demo/users.js";
import { testCtx } from "../support/core.js";
import { openTestDatabase, type TestDatabase } from "../support/db.js";

/**
 * The sandbox's made-up people, units, state bodies and officials are marked as demo; production's
 * lists, notices and assignments never include them, while the sandbox plays with them as usual.
 */
let db: TestDatabase;
let production: Ctx;
let sandbox: Ctx;
const head: Actor = { ...CONSOLE_OPERATOR, role: "head" };
const demoTelegramIds = new Set(DEMO_USERS.map((u) => u.id));

beforeAll(async () => {
  db = await openTestDatabase();
  production = testCtx(db.database);
  sandbox = { ...testCtx(db.database), demo: true };
  await seedDemo(sandbox);
  // One real row of each kind beside the demo ones, so an empty list cannot pass for a filtered one.
  const unit = await addUnit(production, CONSOLE_OPERATOR, { code: "enforcement", kind: "ja_unit", parentCode: "judicial_administration", nameKk: "Орындау басқармасы", nameRu: "Управление исполнения" });
  await addUnit(production, CONSOLE_OPERATOR, { code: "prosecutor", kind: "external_body", nameKk: "Бас прокуратура", nameRu: "Генеральная прокуратура" });
  await assignRoles(
    production,
    ROLES.filter((r) => r !== "citizen").map((role, i) => ({ telegramId: 500 + i, role, fullName: `Real ${role}`, unitId: role === "executor" ? unit.id : null })),
  );
  await addOfficial(production, CONSOLE_OPERATOR, { nameKk: "Сәрсенов Е.", nameRu: "Сарсенов Е.", titleKk: "Төраға", titleRu: "Председатель", placeKk: "Астана", placeRu: "Астана", bookingWindowDays: 30, minNoticeHours: 24, directBooking: true });
});
afterAll(() => db.dispose());

/** Runs a production query and the same in the sandbox: names in the first, and whether any is demo in each. */
async function both<T>(query: (ctx: Ctx) => Promise<T[]>, isDemo: (row: T) => boolean) {
  const real = await query(production);
  const played = await query(sandbox);
  return { real: real.length, demoInProduction: real.filter(isDemo).length, demoInSandbox: played.filter(isDemo).length };
}

describe("demo rows", () => {
  it("are never officials citizens may book in production", async () => {
    const result = await both((ctx) => activeOfficials(ctx), (o) => o.demo);
    expect(result).toEqual({ real: 1, demoInProduction: 0, demoInSandbox: 3 });
  });

  it("are never units or state bodies to forward to in production", async () => {
    for (const kind of ["ja_unit", "external_body"] as const) {
      const result = await both((ctx) => forwardTargets(ctx, head, kind), (u) => u.nameRu.startsWith("Демо"));
      expect(result).toEqual({ real: 1, demoInProduction: 0, demoInSandbox: 1 });
    }
  });

  it("are never staff to notify, assign or choose in production", async () => {
    for (const role of ROLES.filter((r) => r !== "citizen")) {
      const result = await both((ctx) => roleHolders(ctx, ctx.db, { roles: [role] }), (s) => demoTelegramIds.has(s.telegramId));
      expect({ role, ...result }).toEqual({ role, real: 1, demoInProduction: 0, demoInSandbox: 1 });
    }
    const lists: [string, (ctx: Ctx) => Promise<{ name: string }[]>][] = [
      ["reviewers to assign", (ctx) => reviewerWorkload(ctx, head)],
      ["executors of control items", (ctx) => executorChoices(ctx, head)],
      ["executors at reception", (ctx) => assignableStaff(ctx, head)],
      ["the administrator's staff list", (ctx) => activeStaff(ctx, CONSOLE_OPERATOR)],
      ["morning digests", async (ctx) => (await digestRecipients(ctx)).map((r) => ({ name: r.user.fullName ?? "" }))],
      ["approvers", async (ctx) => (await currentApprovers(ctx, ctx.db, ctx.clock.now())).map((r) => ({ name: r.fullName ?? "" }))],
    ];
    for (const [what, query] of lists) {
      const result = await both(query, (row) => !row.name.startsWith("Real"));
      expect({ what, demoInProduction: result.demoInProduction, someReal: result.real > 0, someDemoInSandbox: result.demoInSandbox > 0 }).toEqual({
        what,
        demoInProduction: 0,
        someReal: true,
        someDemoInSandbox: true,
      });
    }
  });

  it("cannot be written outside the sandbox", async () => {
    await expect(addUnit(production, CONSOLE_OPERATOR, { code: "demo_x", kind: "ja_unit", nameKk: "Демо", nameRu: "Демо", demo: true })).rejects.toThrow(/only in the sandbox/);
  });
});
