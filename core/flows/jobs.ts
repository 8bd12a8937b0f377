import type { ScheduledJob } from "../shared/scheduled-job.js";
import { expireIdleFlows } from "./expiry.js";

/** Idle conversations end after a month, their owners warned a week before; at night, Almaty time. */
export const flowJobs: ScheduledJob[] = [{ name: "flows.expire", cron: "30 3 * * *", run: expireIdleFlows }];
