import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { deadlinePolicies } from "../../db/schema/index.js";
import { DomainError } from "../shared/errors.js";
import { addMonths, type IsoDate } from "./dates.js";
import { nthWorkingDayAfter, sameOrNextWorkingDay, type WorkingCalendar } from "./working-days.js";

/** One row of the policy table (APPK Art. 76), as data. */
export interface DeadlinePolicy {
  reviewWorkingDays: number;
  forwardWorkingDays: number;
  /** Months from registration to the latest extended deadline (the whole term). */
  maxTermMonths: number;
  extensionNoticeWorkingDays: number;
}

export type DeadlineKind = "review" | "forward";

export async function loadPolicy(db: DbOrTx, appealType: string): Promise<DeadlinePolicy> {
  const [row] = await db.select().from(deadlinePolicies).where(eq(deadlinePolicies.appealType, appealType));
  if (!row) throw new DomainError("policy_missing", { type: appealType });
  return row;
}

/**
 * The registration date: the day of receipt, or the next working day when it was received on a
 * day off (APPK; DESIGN §2). Deadlines count from it.
 */
export function registrationDate(calendar: WorkingCalendar, receivedOn: IsoDate): IsoDate {
  return sameOrNextWorkingDay(calendar, receivedOn);
}

/** Counting starts on the day after (effective) receipt (DESIGN §3). */
export function deadline(calendar: WorkingCalendar, policy: DeadlinePolicy, receivedOn: IsoDate, kind: DeadlineKind): IsoDate {
  const days = kind === "review" ? policy.reviewWorkingDays : policy.forwardWorkingDays;
  return nthWorkingDayAfter(calendar, registrationDate(calendar, receivedOn), days);
}

/**
 * The latest date an extension may set. APPK Art. 76(2) lets the term be extended "не более чем до
 * двух месяцев"; read strictly, that is the whole term, so the cap counts from registration, not
 * from the first deadline. The months are the policy row's, which a lawyer can change.
 */
export function latestExtendedDeadline(policy: DeadlinePolicy, registeredOn: IsoDate): IsoDate {
  return addMonths(registeredOn, policy.maxTermMonths);
}

/** By when the citizen must be told of an extension decided on `decidedOn`. */
export function extensionNoticeDeadline(calendar: WorkingCalendar, policy: DeadlinePolicy, decidedOn: IsoDate): IsoDate {
  return nthWorkingDayAfter(calendar, decidedOn, policy.extensionNoticeWorkingDays);
}
