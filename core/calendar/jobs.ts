import type { Ctx } from "../shared/context.js";
import type { ScheduledJob } from "../shared/scheduled-job.js";
import { notifyRoles } from "../staff/notify.js";
import { calendarGap } from "./calendar-gap.js";
import { almatyDate } from "./dates.js";

/**
 * Tells the administrators, once a day through the outbox, while a calendar year deadlines need is
 * not loaded; the day is in the message's key, so a second run that day writes nothing.
 */
export async function noticeMissingCalendar(ctx: Ctx): Promise<number> {
  const gap = await calendarGap(ctx.db, ctx.clock.now());
  if (!gap) return 0;
  const today = almatyDate(ctx.clock.now());
  return notifyRoles(ctx, ctx.db, { roles: ["admin"] }, (adminId) => `calendar-missing:${gap.year}:${today}:${adminId}`, {
    key: gap.which === "next year missing" ? "staff.notice.calendar_next_year_missing" : "staff.notice.calendar_this_year_missing",
    params: { year: gap.year },
  });
}

export const calendarJobs: ScheduledJob[] = [{ name: "calendar.missing_year", cron: "0 9 * * *", run: noticeMissingCalendar }];
