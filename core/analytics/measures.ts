/**
 * What the daily figures count (DESIGN §7). Measures named `received*` count on the day an appeal
 * was registered (the period's intake, by its current state and outcome); `closed*` count on the
 * day it was closed (what the period decided, how fast, on time or late).
 */
export const RECEIVED_MEASURES = [
  "received",
  "received_type",
  "received_category",
  "received_channel",
  "received_state",
  "received_outcome",
  "received_extended",
  "received_repeated",
  "received_answer_complaint",
  "received_rating",
] as const;
/** `closed_late` counts the appeals decided after the deadline in force by their outcome (its values are `FINAL_OUTCOMES` but withdrawn). */
export const CLOSED_MEASURES = ["closed", "closed_outcome", "closed_timely", "closed_late", "closed_days"] as const;
export type Measure = (typeof RECEIVED_MEASURES)[number] | (typeof CLOSED_MEASURES)[number];

/** How an appeal ended, as the statistics count it: the answer's outcome, forwarded by competence, or withdrawn. */
export const FINAL_OUTCOMES = ["satisfied", "explained", "refused", "left_without_review", "forwarded", "withdrawn"] as const;
export type FinalOutcome = (typeof FINAL_OUTCOMES)[number];

/** One counted fact: how many appeals have `value` for `measure`. */
export interface Count {
  measure: Measure;
  value: string;
  appeals: number;
}
