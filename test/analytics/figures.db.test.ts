import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { figures, type Breakdown } from "../../core/analytics/figures.js";
import { parsePeriod } from "../../core/analytics/period.js";
import { refreshFigures } from "../../core/analytics/rollup.js";
import { almatyDate } from "../../core/calendar/dates.js";
import { loadCalendar } from "../../core/calendar/calendar-store.js";
import { workingDaysBetween } from "../../core/calendar/working-days.js";
import type { Actor } from "../../core/shared/roles.js";
import { rowsOf } from "../../db/rows.js";
import { units, users } from "../../db/schema/index.js";
import { seedAppealYear } from "../support/appeal-year.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";

let tdb: TestDatabase;
let ctx: ReturnType<typeof testCtx>;
let head: Actor;
let sectorHead: Actor;
let reviewers: Actor[];
let sectors: number[];

/** One appeal as an independent reader sees it: straight from the tables, no rollup, no shared SQL. */
interface Plain {
  id: number;
  holder: number | null;
  unit: number | null;
  type: string;
  category: string | null;
  channel: string;
  state: string;
  registered_on: string;
  initial_due_on: string;
  due_on: string;
  closed_at: Date | null;
  repeated_of_id: number | null;
  complaint_of_id: number | null;
  rating: string | null;
  outcome: string | null;
}
let plain: Plain[];

beforeAll(async () => {
  tdb = await openTestDatabase();
  ctx = testCtx(tdb.database, "2026-03-02T09:00:00+05:00");
  head = await staffMember(ctx, 9701, "head");
  sectorHead = await staffMember(ctx, 9702, "reviewer");
  reviewers = [sectorHead, await staffMember(ctx, 9703, "reviewer"), await staffMember(ctx, 9704, "reviewer"), await staffMember(ctx, 9705, "executor")];
  const citizen = await signedUpCitizen(ctx, 9799);
  const [department] = await ctx.db.insert(units).values({ code: "fig-dep", kind: "department", nameKk: "Жалпы бөлім", nameRu: "Общий отдел" }).returning();
  const made = await ctx.db
    .insert(units)
    .values([
      { code: "fig-s1", kind: "sector", parentId: department!.id, nameKk: "Құжат айналымы секторы", nameRu: "Сектор документооборота", headUserId: sectorHead.userId },
      { code: "fig-s2", kind: "sector", parentId: department!.id, nameKk: "Қабылдау секторы", nameRu: "Сектор приёма" },
    ])
    .returning();
  sectors = made.map((u) => u.id);
  // Two reviewers in each sector.
  for (const [i, r] of reviewers.entries()) await ctx.db.update(users).set({ unitId: sectors[i % 2] }).where(eq(users.id, r.userId));
  await seedAppealYear(ctx.db, { year: 2025, appeals: 3000, holders: reviewers.map((r) => r.userId), citizenUserId: citizen.userId, batch: 1000 });
  await refreshFigures(ctx);
  plain = await rowsOf<Plain>(
    ctx.db,
    sql`select a.id, a.holder_user_id as holder, h.unit_id as unit, a.type, a.category, a.channel, a.state, a.registered_on::text, a.initial_due_on::text, a.due_on::text,
          a.closed_at, a.repeated_of_id, a.complaint_of_id, a.rating,
          (select x.outcome from appeal_answers x where x.appeal_id = a.id order by x.approved_at desc limit 1) as outcome
        from appeals a left join users h on h.id = a.holder_user_id`,
  );
  for (const p of plain) if (p.closed_at !== null) p.closed_at = new Date(p.closed_at);
}, 120_000);
afterAll(() => tdb.dispose());

function countBy<T>(rows: T[], key: (row: T) => string | null): Breakdown {
  const out: Breakdown = {};
  for (const row of rows) {
    const k = key(row);
    if (k !== null) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** How the statistics name an appeal's end, as read by a person from its state and answer. */
function ending(p: Plain): string | null {
  if (p.state === "forwarded_external") return "forwarded";
  if (p.state === "withdrawn" || p.state === "left_without_review") return p.state;
  return p.state === "answered" ? p.outcome : null;
}

function nthPercentile(sorted: number[], share: number): number | null {
  return sorted.length === 0 ? null : sorted[Math.ceil(share * sorted.length) - 1]!;
}

async function expectAgrees(actor: Actor, periodText: string, scope: Parameters<typeof figures>[2]["scope"], mine: (p: Plain) => boolean) {
  const period = parsePeriod(periodText);
  const f = await figures(ctx, actor, { period, scope });
  const calendar = await loadCalendar(ctx.db);
  const inPeriod = (day: string) => day >= period.from && day <= period.to;
  const received = plain.filter((p) => mine(p) && inPeriod(p.registered_on));
  const closed = plain.filter((p) => mine(p) && p.closed_at !== null && inPeriod(almatyDate(p.closed_at)));
  const reviewed = closed.filter((p) => p.state !== "withdrawn");
  const onTime = reviewed.filter((p) => almatyDate(p.closed_at!) <= p.due_on).length;
  const days = reviewed.map((p) => workingDaysBetween(calendar, p.registered_on, almatyDate(p.closed_at!))).sort((a, b) => a - b);
  const today = almatyDate(ctx.clock.now());

  expect(received.length).toBeGreaterThan(0);
  expect(f.received.total).toBe(received.length);
  expect(f.received.type).toEqual(countBy(received, (p) => p.type));
  expect(f.received.category).toEqual(countBy(received, (p) => p.category ?? "none"));
  expect(f.received.channel).toEqual(countBy(received, (p) => p.channel));
  expect(f.received.state).toEqual(countBy(received, (p) => p.state));
  expect(f.received.outcome).toEqual(countBy(received, (p) => ending(p) ?? "open"));
  expect(f.received.extended).toBe(received.filter((p) => p.due_on > p.initial_due_on).length);
  expect(f.received.repeated).toBe(received.filter((p) => p.repeated_of_id !== null).length);
  expect(f.received.answerComplaints).toBe(received.filter((p) => p.complaint_of_id !== null).length);
  expect(f.received.rating).toEqual(countBy(received, (p) => p.rating));
  expect(f.closed.total).toBe(closed.length);
  expect(f.closed.outcome).toEqual(countBy(closed, ending));
  expect([f.closed.onTime, f.closed.late]).toEqual([onTime, reviewed.length - onTime]);
  expect(f.closed.medianDays).toBe(nthPercentile(days, 0.5));
  expect(f.closed.p90Days).toBe(nthPercentile(days, 0.9));
  expect(f.overdueNow).toBe(plain.filter((p) => mine(p) && p.closed_at === null && p.due_on < today).length);
  expect(f.weekly.reduce((sum, w) => sum + w.received, 0)).toBe(received.length);
  return f;
}

describe(`figures of a seeded year on ${dbKind}`, () => {
  it("agree with a direct count for the year, a quarter and a month, for the department", async () => {
    const f = await expectAgrees(head, "2025", { kind: "department" }, () => true);
    expect(f.weekly).toHaveLength(53);
    // Every sector's timeliness is its reviewers' appeals, counted directly.
    for (const unit of sectors) {
      const line = f.units.find((u) => u.unitId === unit)!;
      const decided = plain.filter((p) => p.unit === unit && p.closed_at !== null && almatyDate(p.closed_at).startsWith("2025") && p.state !== "withdrawn");
      expect(line.onTime + line.late).toBe(decided.length);
      expect(line.onTime).toBe(decided.filter((p) => almatyDate(p.closed_at!) <= p.due_on).length);
    }
    await expectAgrees(head, "2025-Q4", { kind: "department" }, () => true);
    await expectAgrees(head, "2025-02", { kind: "department" }, () => true);
  });

  it("agree for a sector its head reads, and for one reviewer", async () => {
    await expectAgrees(sectorHead, "2025", { kind: "unit", unitId: sectors[0]! }, (p) => p.unit === sectors[0]);
    const reviewer = reviewers[2]!;
    await expectAgrees(head, "2025-Q2", { kind: "reviewer", userId: reviewer.userId }, (p) => p.holder === reviewer.userId);
  });

  it("refuse a sector's figures to the head of another, and the department's to a reviewer", async () => {
    await expect(figures(ctx, sectorHead, { period: parsePeriod("2025"), scope: { kind: "unit", unitId: sectors[1]! } })).rejects.toThrow("forbidden");
    await expect(figures(ctx, reviewers[1]!, { period: parsePeriod("2025"), scope: { kind: "department" } })).rejects.toThrow("forbidden");
    expect(() => parsePeriod("2025-13")).toThrow("analytics_bad_period");
  });

  it("take in an answer given after the last refresh at the next one", async () => {
    const before = await figures(ctx, head, { period: parsePeriod("2026-03"), scope: { kind: "department" } });
    const open = plain.find((p) => p.closed_at === null)!;
    ctx.clock.set("2026-03-03T11:00:00+05:00");
    await ctx.db.execute(sql`update appeals set state = 'withdrawn', closed_at = ${ctx.clock.now().toISOString()}::timestamptz, updated_at = ${ctx.clock.now().toISOString()}::timestamptz where id = ${open.id}`);
    expect((await refreshFigures(ctx)).rebuilt).toBe(false);
    const after = await figures(ctx, head, { period: parsePeriod("2026-03"), scope: { kind: "department" } });
    expect(after.closed.total).toBe(before.closed.total + 1);
    expect(after.closed.outcome.withdrawn).toBe((before.closed.outcome.withdrawn ?? 0) + 1);
  });
});
