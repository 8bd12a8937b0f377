import type { ScheduledJob } from "../shared/scheduled-job.js";
import { materialiseAllSlots } from "./schedule.js";
import { expireOffers } from "./waitlist.js";

/** Offers not taken in time lapse and go to the next citizen waiting; every minute. */
export const expireOffersJob: ScheduledJob = { name: "reception.expire-offers", cron: "* * * * *", run: expireOffers };

/** Keeps slots a full booking window ahead as the days pass; after midnight, Almaty time. */
export const materialiseSlotsJob: ScheduledJob = { name: "reception.slots", cron: "5 0 * * *", run: materialiseAllSlots };

export const receptionJobs: ScheduledJob[] = [expireOffersJob, materialiseSlotsJob];
