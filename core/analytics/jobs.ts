import type { ScheduledJob } from "../shared/scheduled-job.js";
import { refreshFigures } from "./rollup.js";

/** Every ten minutes the figures take in what changed; a summary says how fresh it is. */
export const figuresRefreshJob: ScheduledJob = { name: "analytics.refresh", cron: "*/10 * * * *", run: async (ctx) => (await refreshFigures(ctx)).days };

/** At night every day of the last year and more is counted anew: whatever a refresh could not see (a reopened appeal's old closing day). */
export const figuresRebuildJob: ScheduledJob = { name: "analytics.rebuild", cron: "40 2 * * *", run: async (ctx) => (await refreshFigures(ctx, { rebuild: "daily" })).days };

export const analyticsJobs: ScheduledJob[] = [figuresRefreshJob, figuresRebuildJob];
