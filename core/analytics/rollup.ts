import { and, eq, gte, inArray, like, lte, sql } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { rowsOf } from "../../db/rows.js";
import { analyticsRefreshes, appealStatsDaily } from "../../db/schema/index.js";
import { addDays, almatyDate, datesFrom, TIME_ZONE, type IsoDate } from "../calendar/dates.js";
import type { Ctx } from "../shared/context.js";
import { closedFacts, receivedFacts } from "./facts-sql.js";

/**
 * Changes are found by `updated_at`; a transaction that commits after a refresh may carry an
 * earlier time, so each refresh looks this far behind the last one. Counting a day again is cheap.
 */
const OVERLAP_MS = 5 * 60_000;
/** The nightly rebuild recounts this many days back: anything a refresh could have missed (a reopened appeal's old closing day). */
const REBUILD_DAYS = 400;
/** Days recounted per statement in a rebuild: a month at a time keeps each statement's memory small. */
const REBUILD_CHUNK_DAYS = 31;

interface DaysToCount {
  registered: IsoDate[];
  closed: IsoDate[];
}

/** Days whose figures appeals changed since `since` touch: where they were registered and where closed. */
async function changedDays(tx: Tx, since: Date): Promise<DaysToCount> {
  const rows = await rowsOf<{ registered_on: string; closed_on: string | null }>(
    tx,
    sql`select distinct registered_on::text, (closed_at at time zone ${TIME_ZONE})::date::text as closed_on from appeals where updated_at > ${since.toISOString()}::timestamptz`,
  );
  const unique = (days: (string | null)[]) => [...new Set(days.filter((d): d is string => d !== null))].sort();
  return { registered: unique(rows.map((r) => r.registered_on)), closed: unique(rows.map((r) => r.closed_on)) };
}

async function recount(tx: Tx, days: DaysToCount): Promise<void> {
  if (days.registered.length > 0) {
    await tx.delete(appealStatsDaily).where(and(inArray(appealStatsDaily.day, days.registered), like(appealStatsDaily.measure, "received%")));
    await tx.execute(sql`insert into appeal_stats_daily (day, unit_id, measure, value, appeals) ${receivedFacts(days.registered)}`);
  }
  if (days.closed.length > 0) {
    await tx.delete(appealStatsDaily).where(and(inArray(appealStatsDaily.day, days.closed), like(appealStatsDaily.measure, "closed%")));
    await tx.execute(sql`insert into appeal_stats_daily (day, unit_id, measure, value, appeals) ${closedFacts(days.closed)}`);
  }
}

/** Every day from `from` to `to` counted anew, a month per statement. */
async function rebuild(tx: Tx, from: IsoDate, to: IsoDate): Promise<void> {
  await tx.delete(appealStatsDaily).where(and(gte(appealStatsDaily.day, from), lte(appealStatsDaily.day, to)));
  const all = datesFrom(from, to);
  for (let i = 0; i < all.length; i += REBUILD_CHUNK_DAYS) {
    const chunk = all.slice(i, i + REBUILD_CHUNK_DAYS);
    await recount(tx, { registered: chunk, closed: chunk });
  }
}

export interface RefreshResult {
  days: number;
  rebuilt: boolean;
}

/**
 * Brings the daily figures up to date: the days that changed since the last refresh are counted
 * anew; on the first run every day since the first appeal is, and with `rebuild` the last REBUILD_DAYS
 * days (`"daily"`: unless that was done today already). One refresher at a
 * time (the row lock); readers keep the old figures until it commits.
 */
export async function refreshFigures(ctx: Ctx, options: { rebuild?: boolean | "daily" } = {}): Promise<RefreshResult> {
  return ctx.db.transaction(async (tx) => {
    await tx.insert(analyticsRefreshes).values({ id: 1, refreshedAt: new Date(0), changesUntil: new Date(0) }).onConflictDoNothing();
    const [state] = await tx.select().from(analyticsRefreshes).where(eq(analyticsRefreshes.id, 1)).for("update");
    const now = ctx.clock.now();
    const today = almatyDate(now);
    const [latest] = await rowsOf<{ at: string | null }>(tx, sql`select max(updated_at)::text as at from appeals`);
    const changesUntil = latest?.at ? new Date(latest.at) : state!.changesUntil;
    const firstRun = state!.rebuiltOn === null;
    // A restart runs the nightly job again; once a day is enough.
    const rebuildNow = options.rebuild === true || (options.rebuild === "daily" && state!.rebuiltOn !== today);
    let result: RefreshResult;
    if (rebuildNow || firstRun) {
      // The first count takes in every appeal there is; later rebuilds the days a refresh may have missed.
      const [first] = await rowsOf<{ day: string | null }>(tx, sql`select min(registered_on)::text as day from appeals`);
      const from = firstRun && first?.day ? (first.day < today ? first.day : today) : addDays(today, -REBUILD_DAYS);
      await rebuild(tx, from, today);
      result = { days: datesFrom(from, today).length, rebuilt: true };
    } else {
      const days = await changedDays(tx, new Date(state!.changesUntil.getTime() - OVERLAP_MS));
      await recount(tx, days);
      result = { days: new Set([...days.registered, ...days.closed]).size, rebuilt: false };
    }
    await tx
      .update(analyticsRefreshes)
      .set({ refreshedAt: now, changesUntil, ...(result.rebuilt ? { rebuiltOn: today } : {}) })
      .where(eq(analyticsRefreshes.id, 1));
    return result;
  });
}

/** When the figures were last brought up to date; null before the first refresh. */
export async function figuresAsOf(ctx: Ctx): Promise<Date | null> {
  const [state] = await ctx.db.select({ at: analyticsRefreshes.refreshedAt }).from(analyticsRefreshes).where(eq(analyticsRefreshes.id, 1));
  return state?.at ?? null;
}
