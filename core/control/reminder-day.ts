import type { IsoDate } from "../calendar/dates.js";
import { nthWorkingDayAfter, workingDaysBetween, type WorkingCalendar } from "../calendar/working-days.js";

/**
 * The one working day an executor is reminded on (Reg. 7.1.8): `lead` working days before the due
 * date; when the term is shorter than twice the lead, halfway through it (rounded down, at least the
 * first working day after recording). A term of no working days has no day left to remind on: null.
 */
export function reminderDay(calendar: WorkingCalendar, recordedOn: IsoDate, dueOn: IsoDate, lead: number): IsoDate | null {
  const term = workingDaysBetween(calendar, recordedOn, dueOn);
  if (term === 0) return null;
  const after = term >= 2 * lead ? term - lead : Math.max(1, Math.floor(term / 2));
  return nthWorkingDayAfter(calendar, recordedOn, after);
}
