import type { ScheduledJob } from "../shared/scheduled-job.js";
import { writeForwardingReminders, writeLastDaysReminders, writeOverdueNotices } from "./deadline-reminders.js";
import { writeMorningDigests } from "./digest.js";
import { REMINDER_HOUR } from "./reminder-day.js";

/** Every day at 09:00; each job itself skips days off, so the calendar, not the cron line, decides. */
const EVERY_MORNING = `0 ${REMINDER_HOUR} * * *`;

/** Staff deadline reminders for appeals (Reg. 5.3; DESIGN §3). */
export const appealReminderJobs: ScheduledJob[] = [
  { name: "appeals.overdue", cron: EVERY_MORNING, run: writeOverdueNotices },
  { name: "appeals.digest", cron: EVERY_MORNING, run: writeMorningDigests },
  { name: "appeals.last-days", cron: EVERY_MORNING, run: writeLastDaysReminders },
  { name: "appeals.forwarding", cron: EVERY_MORNING, run: writeForwardingReminders },
];
