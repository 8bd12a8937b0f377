import type { ScheduledJob } from "../shared/scheduled-job.js";
import { sendPracticeNotes } from "./practice-delivery.js";

/** The quarter's draft note generalising practice (Reg. 7.2.2), on the next quarter's first working morning. */
export const practiceNoteJob: ScheduledJob = { name: "analytics.practice-note", cron: "15 9 * * *", run: sendPracticeNotes };

export const analyticsPracticeJobs: ScheduledJob[] = [practiceNoteJob];
