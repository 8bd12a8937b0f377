import type { Ctx } from "../shared/context.js";
import type { ScheduledJob } from "../shared/scheduled-job.js";
import { sendWeeklyDashboards } from "./dashboard.js";
import { sendPracticeNotes } from "./practice-delivery.js";
import { refreshFigures } from "./rollup.js";

/** Figures, not messages: what was counted goes in a log line of its own, and the job reports nothing written. */
async function refresh(ctx: Ctx, rebuild: "daily" | undefined): Promise<number> {
  const { days, rebuilt } = await refreshFigures(ctx, { rebuild });
  ctx.log.info({ days, rebuilt }, "figures refreshed");
  return 0;
}

/** Every ten minutes the figures take in what changed; a summary says how fresh it is. */
export const figuresRefreshJob: ScheduledJob = { name: "analytics.refresh", cron: "*/10 * * * *", run: (ctx) => refresh(ctx, undefined) };

/** At night every day of the last year and more is counted anew: whatever a refresh could not see (a reopened appeal's old closing day). */
export const figuresRebuildJob: ScheduledJob = { name: "analytics.rebuild", cron: "40 2 * * *", run: (ctx) => refresh(ctx, "daily") };

/** Monday 09:05: the Head's week in one message, after the ten-minute refresh at nine. */
export const weeklyDashboardJob: ScheduledJob = { name: "analytics.weekly-dashboard", cron: "5 9 * * 1", run: sendWeeklyDashboards };

/** The quarter's draft note generalising practice (Reg. 7.2.2), on the next quarter's first working morning. */
export const practiceNoteJob: ScheduledJob = { name: "analytics.practice-note", cron: "15 9 * * *", run: sendPracticeNotes };

export const analyticsJobs: ScheduledJob[] = [figuresRefreshJob, figuresRebuildJob, weeklyDashboardJob, practiceNoteJob];
