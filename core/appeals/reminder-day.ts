import { loadCalendar } from "../calendar/calendar-store.js";
import { almatyDate, almatyHour, type IsoDate } from "../calendar/dates.js";
import { isWorkingDay, type WorkingCalendar } from "../calendar/working-days.js";
import type { Ctx } from "../shared/context.js";

/** Staff reminders go out from this hour of a working morning, Almaty time (DESIGN §3). */
export const REMINDER_HOUR = 9;

export interface ReminderDay {
  today: IsoDate;
  calendar: WorkingCalendar;
}

/**
 * The working day whose morning reminders are due at `now`: today from 09:00 on a working day,
 * else null (a day off sends nothing). Jobs key what they write by this day instead of counting on
 * a tick at exactly 09:00, so a run after a restart later that day catches up and a second sends
 * nothing.
 */
export async function reminderDay(ctx: Ctx): Promise<ReminderDay | null> {
  const now = ctx.clock.now();
  if (almatyHour(now) < REMINDER_HOUR) return null;
  const calendar = await loadCalendar(ctx.db);
  const today = almatyDate(now);
  return isWorkingDay(calendar, today) ? { today, calendar } : null;
}
