import { addDays, almatyDate, dottedDate, TIME_ZONE, weekday } from "../calendar/dates.js";
import type { Ctx } from "../shared/context.js";
import { headsOfJa } from "./heads.js";
import { notifyStaff } from "../staff/notify.js";
import { timeliness } from "./timeliness.js";

const MONDAY = 1;
/** The summary goes out from 09:00 Almaty: a catch-up run at an earlier restart waits for the hour. */
const SUMMARY_HOUR = 9;

const hourFormat = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, hour: "2-digit", hourCycle: "h23" });

/**
 * On Mondays the Head of JA gets the timeliness of the week before, Monday to Sunday (Reg. 7.1.8):
 * items due, executed on time, late, and overdue. Once per Monday and Head, whatever runs it.
 * Returns how many summaries it wrote.
 */
export async function sendWeeklySummary(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const today = almatyDate(now);
  if (weekday(today) !== MONDAY || Number(hourFormat.format(now)) < SUMMARY_HOUR) return 0;
  const from = addDays(today, -7);
  const to = addDays(today, -1);
  return ctx.db.transaction(async (tx) => {
    const counts = await timeliness(tx, from, to, today);
    return notifyStaff(ctx, tx, await headsOfJa(tx), (userId) => `control:weekly:${today}:${userId}`, {
      key: "control.notice.weekly_summary",
      params: { from: dottedDate(from), to: dottedDate(to), ...counts },
    });
  });
}
