import { dottedDate, type IsoDate } from "../calendar/dates.js";
import { isWorkingDay, sameOrNextWorkingDay, type WorkingCalendar } from "../calendar/working-days.js";
import { DomainError } from "../shared/errors.js";

/**
 * A due date must be a working day from today on; a refusal offers the first working day that
 * would do, so the registrar can take it with one tap.
 */
export function assertDueDate(calendar: WorkingCalendar, today: IsoDate, dueOn: IsoDate): void {
  if (dueOn < today) throw dueRefusal("control_due_past", sameOrNextWorkingDay(calendar, today));
  if (!isWorkingDay(calendar, dueOn)) throw dueRefusal("control_due_day_off", sameOrNextWorkingDay(calendar, dueOn));
}

function dueRefusal(code: string, next: IsoDate): DomainError {
  return new DomainError(code, { next: dottedDate(next), nextIso: next });
}
