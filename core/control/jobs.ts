import type { ScheduledJob } from "../shared/scheduled-job.js";
import { reportOverdue } from "./overdue.js";
import { sendDueReminders } from "./reminders.js";
import { sendWeeklySummary } from "./weekly-summary.js";

/** What the scheduler runs for control documents (Reg. 7.1.8); each is safe to run twice or on two instances. */
export const controlJobs: ScheduledJob[] = [
  { name: "control.reminders", cron: "0 9 * * *", run: sendDueReminders },
  { name: "control.overdue", cron: "5 9 * * *", run: reportOverdue },
  { name: "control.weekly_summary", cron: "0 9 * * 1", run: sendWeeklySummary },
];
