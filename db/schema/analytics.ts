import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";

/**
 * Appeal figures per day and unit (DESIGN §7), so a summary of a year sums a few hundred thousand
 * small rows instead of scanning millions of appeals. Each fact counts on its own day: what came in
 * on the registration day, what was decided (outcome, on time or late, working days taken) on the
 * closing day. `unit_id` is the unit of the appeal's holder; null when it has none. Rebuilt from
 * `appeals` by the analytics job; never edited by hand.
 */
export const appealStatsDaily = pgTable(
  "appeal_stats_daily",
  {
    day: date("day", { mode: "string" }).notNull(),
    unitId: integer("unit_id"),
    /** What is counted (`received_type`, `closed_outcome`, …; see core/analytics/measures.ts). */
    measure: text("measure").notNull(),
    value: text("value").notNull(),
    appeals: integer("appeals").notNull(),
  },
  (t) => [unique("appeal_stats_daily_key").on(t.day, t.unitId, t.measure, t.value).nullsNotDistinct(), index("appeal_stats_daily_measure_day_idx").on(t.measure, t.day)],
);

/** When the figures were last brought up to date, and the last full rebuild: one row. */
export const analyticsRefreshes = pgTable(
  "analytics_refreshes",
  {
    id: integer("id").primaryKey().default(1),
    refreshedAt: timestamp("refreshed_at", { withTimezone: true }).notNull(),
    /** Changes to appeals up to this instant are in the figures. */
    changesUntil: timestamp("changes_until", { withTimezone: true }).notNull(),
    rebuiltOn: date("rebuilt_on", { mode: "string" }),
  },
  (t) => [check("analytics_refreshes_single", sql`${t.id} = 1`)],
);
