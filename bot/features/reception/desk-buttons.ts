import { DECLINE_TEMPLATES } from "../../../core/reception/staff-decisions.js";
import { defineButtons, field } from "../../buttons/codec.js";

/**
 * The reception desk's buttons, the decline flow's Back among them. A request's buttons carry its
 * version, so one pressed after another member of staff acted on it is refused as out of date.
 */
export const deskButtons = defineButtons("rs", 2);
const request = { booking: field.id, version: field.version };

/** On a request: confirm or offer a slot, the slots to confirm or to offer, decline with a reason, a ready reason, the next request. */
export const confirmButton = deskButtons.action("confirm", { ...request, slot: field.id });
export const offerButton = deskButtons.action("offer", { ...request, slot: field.id });
export const confirmListButton = deskButtons.action("confirm_list", request);
export const offerListButton = deskButtons.action("offer_list", request);
export const declineButton = deskButtons.action("decline", request);
export const quickReasonButton = deskButtons.action("quick", { ...request, reason: field.choice(...DECLINE_TEMPLATES) });
export const nextRequestButton = deskButtons.action("next", {});

/** Day lists: an official's day, printed; for a meeting that has begun, came or did not come. */
export const dayButton = deskButtons.action("day", { official: field.id, date: field.date });
export const printButton = deskButtons.action("print", { official: field.id, date: field.date });
export const cameButton = deskButtons.action("came", request);
export const noShowButton = deskButtons.action("no_show", request);

/** The outcome flow's buttons (its Back too): no assignment given, the offered due date, the executor, no note. */
export const outcomeButtons = defineButtons("rout", 1);
export const noAssignmentButton = outcomeButtons.action("no_assign", {});
export const outcomeDueButton = outcomeButtons.action("due", { date: field.date });
export const outcomeExecutorButton = outcomeButtons.action("executor", { user: field.id });
export const noNoteButton = outcomeButtons.action("no_note", {});
