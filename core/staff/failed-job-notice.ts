import { almatyDate, almatyDateTime } from "../calendar/dates.js";
import type { Ctx } from "../shared/context.js";
import { notifyRoles } from "./notify.js";

/**
 * Tells the administrators that a scheduled job failed (a morning's deadline reminders not written
 * is work nobody would otherwise miss until a deadline passes): once per job and day, so a job that
 * fails every minute is one message, not hundreds. The error itself stays in the log, where the
 * administrators can read it whole. Returns how many notices were written.
 */
export function tellOfFailedJob(ctx: Ctx, job: string): Promise<number> {
  const now = ctx.clock.now();
  return notifyRoles(ctx, ctx.db, { roles: ["admin"] }, (adminId) => `job-failed:${job}:${almatyDate(now)}:${adminId}`, {
    key: "staff.notice.job_failed",
    params: { job, at: almatyDateTime(now) },
  });
}
