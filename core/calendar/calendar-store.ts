import { asc, gte, lte, and } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { calendarDays } from "../../db/schema/index.js";
import type { IsoDate } from "./dates.js";
import type { WorkingCalendar } from "./working-days.js";

/** The calendar's exceptions, read whole: a few dozen rows a year. */
export async function loadCalendar(db: DbOrTx): Promise<WorkingCalendar> {
  const rows = await db.select().from(calendarDays);
  return {
    daysOff: new Set(rows.filter((r) => !r.working).map((r) => r.day)),
    workingWeekendDays: new Set(rows.filter((r) => r.working).map((r) => r.day)),
  };
}

export interface CalendarRow {
  day: IsoDate;
  working: boolean;
  note: string;
}

export async function calendarRowsOfYear(db: DbOrTx, year: number): Promise<CalendarRow[]> {
  return db
    .select()
    .from(calendarDays)
    .where(and(gte(calendarDays.day, `${year}-01-01`), lte(calendarDays.day, `${year}-12-31`)))
    .orderBy(asc(calendarDays.day));
}
