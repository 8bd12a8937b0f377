import { appealReminderJobs } from "../core/appeals/reminder-jobs.js";
import { controlJobs } from "../core/control/jobs.js";
import { deliveryWatchJob } from "../core/outbox/watch.js";
import { receptionJobs } from "../core/reception/jobs.js";
import type { ScheduledJob } from "../core/shared/scheduled-job.js";

/** Every job the scheduler runs: each capability's list, added here. */
export const scheduledJobs: ScheduledJob[] = [...appealReminderJobs, ...controlJobs, ...receptionJobs, deliveryWatchJob];
