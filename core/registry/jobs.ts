import type { ScheduledJob } from "../shared/scheduled-job.js";
import { eraseApprovedActs } from "./erase.js";
import { draftDestructionAct } from "./retention.js";

/** After a year ends, on the first working morning: the act for the cases whose term ran out. */
export const destructionActJob: ScheduledJob = { name: "registry.destruction-act", cron: "10 9 * * *", run: draftDestructionAct };

/** Approved acts have the personal data of their cases erased within the hour, and a crash mid-way finished. */
export const erasureJob: ScheduledJob = { name: "registry.erasure", cron: "20 * * * *", run: eraseApprovedActs };

export const registryJobs: ScheduledJob[] = [destructionActJob, erasureJob];
