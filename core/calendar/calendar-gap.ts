import { and, gte, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { calendarDays } from "../../db/schema/index.js";
import { almatyDate } from "./dates.js";

/**
 * A year whose calendar is not loaded counts only weekends as days off, so every deadline in it
 * would be wrong (DESIGN §3). The current year missing is always a gap; next year's is one from
 * 1 December, when appeals start to fall due in it.
 */
export type CalendarGap = { year: number; which: "this year missing" | "next year missing" } | null;

/** The day of December from which next year's calendar is expected. */
export const NEXT_YEAR_EXPECTED_FROM = "12-01";

async function yearLoaded(db: DbOrTx, year: number): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(calendarDays)
    .where(and(gte(calendarDays.day, `${year}-01-01`), lte(calendarDays.day, `${year}-12-31`)));
  return (row?.n ?? 0) > 0;
}

export async function calendarGap(db: DbOrTx, now: Date): Promise<CalendarGap> {
  const today = almatyDate(now);
  const year = Number(today.slice(0, 4));
  if (!(await yearLoaded(db, year))) return { year, which: "this year missing" };
  if (today.slice(5) >= NEXT_YEAR_EXPECTED_FROM && !(await yearLoaded(db, year + 1))) return { year: year + 1, which: "next year missing" };
  return null;
}
