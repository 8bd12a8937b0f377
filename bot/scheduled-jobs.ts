import { analyticsJobs } from "../core/analytics/jobs.js";
import { appealReminderJobs } from "../core/appeals/reminder-jobs.js";
import { calendarJobs } from "../core/calendar/jobs.js";
import type { Config } from "../core/config.js";
import { controlJobs } from "../core/control/jobs.js";
import { inboxJobs } from "../core/inbox/prune.js";
import { outboxJobs } from "../core/outbox/retention.js";
import { deliveryWatchJob } from "../core/outbox/watch.js";
import { receptionJobs } from "../core/reception/jobs.js";
import { flowJobs } from "../core/flows/jobs.js";
import { registryJobs } from "../core/registry/jobs.js";
import type { ScheduledJob } from "../core/shared/scheduled-job.js";

/** Every job the scheduler runs: each capability's list, added here. */
export function scheduledJobs(config: Pick<Config, "inbox" | "delivery">): ScheduledJob[] {
  return [
    ...appealReminderJobs,
    ...controlJobs,
    ...receptionJobs,
    ...calendarJobs,
    ...flowJobs,
    ...registryJobs,
    ...analyticsJobs,
    ...inboxJobs(config.inbox.retentionDays),
    ...outboxJobs(config.delivery.retentionDays),
    deliveryWatchJob,
  ];
}
