import { addDays, weekday, type IsoDate } from "./dates.js";

/**
 * The working-day calendar: Saturdays and Sundays are days off, except weekend days that a decree
 * made working; listed holidays and transferred days off are days off (DESIGN §3). The rows come
 * from the database; these functions are pure.
 */
export interface WorkingCalendar {
  /** Weekdays that are days off: public holidays and days off moved by decree. */
  daysOff: ReadonlySet<IsoDate>;
  /** Saturdays or Sundays made working days by decree. */
  workingWeekendDays: ReadonlySet<IsoDate>;
}

/** A deadline search must end; a year with no working day means the calendar data is wrong. */
const MAX_SCAN_DAYS = 370;

export function isWorkingDay(calendar: WorkingCalendar, date: IsoDate): boolean {
  if (calendar.workingWeekendDays.has(date)) return true;
  const day = weekday(date);
  if (day === 0 || day === 6) return false;
  return !calendar.daysOff.has(date);
}

/** The date itself if it is a working day, else the next working day. */
export function sameOrNextWorkingDay(calendar: WorkingCalendar, date: IsoDate): IsoDate {
  let d = date;
  for (let i = 0; i < MAX_SCAN_DAYS; i++, d = addDays(d, 1)) if (isWorkingDay(calendar, d)) return d;
  throw new Error(`no working day within ${MAX_SCAN_DAYS} days of ${date}`);
}

/** The last working day before `date`. */
export function previousWorkingDay(calendar: WorkingCalendar, date: IsoDate): IsoDate {
  let d = addDays(date, -1);
  for (let i = 0; i < MAX_SCAN_DAYS; i++, d = addDays(d, -1)) if (isWorkingDay(calendar, d)) return d;
  throw new Error(`no working day within ${MAX_SCAN_DAYS} days before ${date}`);
}

/** The n-th working day after `date` (n ≥ 1); `date` itself is not counted. */
export function nthWorkingDayAfter(calendar: WorkingCalendar, date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  let d = date;
  let counted = 0;
  for (let i = 0; i < MAX_SCAN_DAYS * Math.ceil(n / 200 + 1); i++) {
    d = addDays(d, 1);
    if (isWorkingDay(calendar, d) && ++counted === n) return d;
  }
  throw new Error(`calendar has too few working days after ${date}`);
}

/** Working days in (from, to]: 0 when `to` is not after `from`; "days left" and "days late" both use it. */
export function workingDaysBetween(calendar: WorkingCalendar, from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(calendar, d)) count++;
  return count;
}

/** Years from `from` to `to` that have no rows: their holidays are unknown, only weekends count. */
export function yearsWithoutRows(calendar: WorkingCalendar, from: IsoDate, to: IsoDate): number[] {
  const loaded = new Set([...calendar.daysOff, ...calendar.workingWeekendDays].map((day) => Number(day.slice(0, 4))));
  const years: number[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) if (!loaded.has(year)) years.push(year);
  return years;
}
