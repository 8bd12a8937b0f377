import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { opsRoutes } from "../../bot/ops-routes.js";
import { createMetrics } from "../../bot/metrics/metrics.js";
import { importCalendar } from "../../core/calendar/import.js";
import { noticeMissingCalendar } from "../../core/calendar/jobs.js";
import { outbox } from "../../db/schema/index.js";
import { staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { outboxBacklog } from "../../core/outbox/backlog.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";

/**
 * 2026 ships, 2027 does not (its moved days off were not decreed when this was written): from
 * 1 December the administrators hear of it once a day, and /readyz warns without failing.
 */
let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterAll(() => tdb.dispose());

const ADMIN = 7501;

async function notices(ctx: ReturnType<typeof testCtx>) {
  const rows = await ctx.db.select().from(outbox).where(and(eq(outbox.chatId, ADMIN), like(outbox.dedupeKey, "calendar-missing:%")));
  return rows.map((r) => ({ key: (r.payload as { key: string }).key, params: (r.payload as { params: unknown }).params }));
}

async function readyz(ctx: ReturnType<typeof testCtx>) {
  const routes = opsRoutes({ database: tdb.database, clock: ctx.clock, metrics: createMetrics(), isReady: () => true, backlog: () => outboxBacklog(ctx) });
  const response = await routes.request("/readyz");
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe(`next year's calendar on ${dbKind}`, () => {
  it("tells the administrators once a day from 1 December while next year is missing, and /readyz warns but stays 200", async () => {
    const ctx = testCtx(tdb.database, "2026-11-30T09:00:00+05:00");
    await staffMember(ctx, ADMIN, "admin");

    expect(await noticeMissingCalendar(ctx)).toBe(0);
    expect(await readyz(ctx)).toEqual({ status: 200, body: { ok: true, status: "ready", database: true, bot: true, calendar: "ok" } });

    ctx.clock.set("2026-12-01T09:00:00+05:00");
    expect(await noticeMissingCalendar(ctx)).toBe(1);
    expect(await noticeMissingCalendar(ctx)).toBe(0);
    expect(await notices(ctx)).toEqual([{ key: "staff.notice.calendar_next_year_missing", params: { year: 2027 } }]);
    expect(await readyz(ctx)).toEqual({ status: 200, body: { ok: true, status: "ready", database: true, bot: true, calendar: "next year missing" } });

    ctx.clock.set("2026-12-02T09:00:00+05:00");
    expect(await noticeMissingCalendar(ctx)).toBe(1);
    expect(await notices(ctx)).toHaveLength(2);

    // The administrator loads 2027: silence, and /readyz is clear.
    await importCalendar(ctx, [{ row: 2, date: "2027-01-01", working: false, note: "New Year" }]);
    ctx.clock.set("2026-12-03T09:00:00+05:00");
    expect(await noticeMissingCalendar(ctx)).toBe(0);
    expect((await readyz(ctx)).body.calendar).toBe("ok");
  });

  it("warns every day of a year whose own calendar is missing", async () => {
    const ctx = testCtx(tdb.database, "2028-02-01T09:00:00+05:00");
    expect((await readyz(ctx)).body.calendar).toBe("this year missing");
    expect(await noticeMissingCalendar(ctx)).toBe(1);
    expect((await notices(ctx)).at(-1)).toEqual({ key: "staff.notice.calendar_this_year_missing", params: { year: 2028 } });
  });
});
