import { almatyDate, almatyDateTime } from "../calendar/dates.js";
import type { Ctx } from "../shared/context.js";
import { notifyRoles } from "./notify.js";

/**
 * What the administrators are told of failures nobody else would hear of, each once a day at most,
 * so a fault that repeats every minute is one message, not hundreds. The error itself stays in the
 * log, where they can read it whole. Each returns how many notices were written.
 */
function tellAdministrators(ctx: Ctx, what: string, notice: { key: string; params: Record<string, string | number> }): Promise<number> {
  const today = almatyDate(ctx.clock.now());
  return notifyRoles(ctx, ctx.db, { roles: ["admin"] }, (adminId) => `${what}:${today}:${adminId}`, notice);
}

/** A scheduled job failed: a morning's deadline reminders not written is missed only when a deadline passes. */
export function tellOfFailedJob(ctx: Ctx, job: string): Promise<number> {
  return tellAdministrators(ctx, `job-failed:${job}`, { key: "staff.notice.job_failed", params: { job, at: almatyDateTime(ctx.clock.now()) } });
}

/** An update was given up on after every try: its sender was told something went wrong, but not why. */
export function tellOfGivenUpUpdate(ctx: Ctx, updateId: number, tries: number): Promise<number> {
  return tellAdministrators(ctx, "update-failed", { key: "staff.notice.update_failed", params: { update: updateId, tries, at: almatyDateTime(ctx.clock.now()) } });
}
