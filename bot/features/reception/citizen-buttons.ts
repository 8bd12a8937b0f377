import { defineButtons, field } from "../../buttons/codec.js";

/**
 * The citizen's reception buttons, the booking flow's Back among them. Buttons on a booking carry
 * its version, so one pressed after the booking changed is refused as out of date.
 */
export const receptionButtons = defineButtons("rc", 2);

/** Booking in chat: the officials, one chosen, an appeal linked or none, a time, a request without one, the waitlist. */
export const bookButton = receptionButtons.action("book", {});
export const officialButton = receptionButtons.action("official", { official: field.id });
export const linkButton = receptionButtons.action("link", { appeal: field.id });
export const noLinkButton = receptionButtons.action("no_link", {});
export const slotButton = receptionButtons.action("slot", { slot: field.id });
export const requestButton = receptionButtons.action("request", {});
export const waitlistButton = receptionButtons.action("waitlist", {});

/** Under a notice that asks the citizen to act: "My reception", opened below the notice. */
export const openMineButton = receptionButtons.action("mine", {});

/** On a booking in "My reception": cancel it, the times to move it to, one of them, accept or decline an offer. */
const booking = { booking: field.id, version: field.version };
export const cancelBookingButton = receptionButtons.action("cancel", booking);
export const moveButton = receptionButtons.action("move", booking);
export const moveToButton = receptionButtons.action("move_to", { ...booking, slot: field.id });
export const acceptOfferButton = receptionButtons.action("accept", booking);
export const declineOfferButton = receptionButtons.action("decline", booking);
