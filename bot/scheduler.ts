import { schedule } from "node-cron";
import { TIME_ZONE } from "../core/calendar/dates.js";
import type { Ctx } from "../core/shared/context.js";
import type { ScheduledJob } from "../core/shared/scheduled-job.js";
import { tellOfFailedJob } from "../core/staff/failure-notices.js";

export interface Scheduler {
  /** Settles once every job has had its run at start (the catch-up for ticks missed while down). */
  caughtUp: Promise<void>;
  /** No new runs; waits for the ones under way. */
  stop(): Promise<void>;
}

/**
 * Runs each job on its cron line in Almaty time, and every job once at start. Jobs are idempotent
 * (unique keys on what they write), so a run that overlaps another, here or on another instance,
 * writes nothing twice; a failed run is logged and the next tick tries again.
 */
/** Told of every run's outcome (for metrics). */
export type JobObserver = (job: string, ok: boolean) => void;

export function startScheduler(core: Ctx, jobs: readonly ScheduledJob[], onRun: JobObserver = () => {}): Scheduler {
  let stopped = false;
  const running = new Set<Promise<void>>();
  const runJob = (job: ScheduledJob): Promise<void> => {
    const run = runOnce(core, job)
      .then((ok) => onRun(job.name, ok))
      .finally(() => running.delete(run));
    running.add(run);
    return run;
  };
  const tasks = jobs.map((job) => schedule(job.cron, () => runJob(job), { timezone: TIME_ZONE, name: job.name, noOverlap: true }));
  const caughtUp = (async () => {
    for (const job of jobs) if (!stopped) await runJob(job);
  })();
  return {
    caughtUp,
    async stop() {
      stopped = true;
      for (const task of tasks) await task.destroy();
      await caughtUp;
      await Promise.all(running);
    },
  };
}

async function runOnce(core: Ctx, job: ScheduledJob): Promise<boolean> {
  try {
    const written = await job.run(core);
    core.log.info({ job: job.name, written }, "scheduled job ran");
    return true;
  } catch (err) {
    core.log.error({ err, job: job.name }, "scheduled job failed");
    // With the database away this fails too; the log line above and the metric still say it.
    await tellOfFailedJob(core, job.name).catch((notice: unknown) => core.log.error({ err: notice, job: job.name }, "administrators not told of a failed job"));
    return false;
  }
}
