import { Composer } from "grammy";
import { acceptOffer, cancelBooking, declineOffer, rescheduleBooking } from "../../../core/reception/booking.js";
import { bookingById } from "../../../core/reception/booking-row.js";
import { slotTime } from "../../../core/reception/notices.js";
import { officialById } from "../../../core/reception/officials.js";
import { isSlotTaken } from "../../../core/reception/slot-taken.js";
import { freeSlots, type Slot } from "../../../core/reception/slots.js";
import { myReception } from "../../../core/reception/views.js";
import { DomainError } from "../../../core/shared/errors.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { html, type Html } from "../../../locales/html.js";
import { answerCallback, showInPlace } from "../../messages.js";
import { booking } from "./citizen-booking.js";
import { acceptOfferButton, cancelBookingButton, declineOfferButton, moveButton, moveToButton, openMineButton } from "./citizen-buttons.js";
import { bookedText, moveScreen, myReceptionScreen, withReminders } from "./citizen-view.js";

/**
 * Personal reception for citizens (DESIGN §5): "My reception", where a booking is
 * cancelled, moved, or an offered time accepted or declined; and booking in chat.
 */
const myReceptionButtons = new Composer<BotContext>();
export const citizenReception = new Composer<BotContext>(booking, myReceptionButtons);

/** Free times offered to move to: two days of a typical schedule. */
const CHOICES = 8;

const pressedId = (ctx: BotContext) => ctx.callbackQuery?.message?.message_id;

export async function showMyReception(ctx: BotContext, messageId: number | undefined, note?: Html): Promise<void> {
  const screen = myReceptionScreen(ctx, await myReception(ctx.deps.core, ctx.actor));
  await showInPlace(ctx, messageId, note ? html`${note}\n\n${screen.text}` : screen.text, screen.markup);
}

// Below the notice, so the notice stays to be read.
onPress(myReceptionButtons, openMineButton, async (ctx) => {
  await answerCallback(ctx);
  await showMyReception(ctx, undefined);
});

onPress(myReceptionButtons, cancelBookingButton, async (ctx, { booking, version }) => {
  await cancelBooking(ctx.deps.core, ctx.actor, { bookingId: booking, version });
  await answerCallback(ctx, ctx.label("reception.my.cancelled"));
  await showMyReception(ctx, pressedId(ctx));
});

/** The citizen's own booking as the button drew it, and the times it may move to; `note` says why they are shown. */
async function showMove(ctx: BotContext, bookingId: number, version: number, slots?: Slot[], note?: Html): Promise<void> {
  const core = ctx.deps.core;
  const row = await bookingById(core.db, bookingId);
  if (row.citizenUserId !== ctx.actor.userId || row.version !== version) throw new DomainError("stale_button");
  const times = slots ?? (await freeSlots(core.db, await officialById(core.db, row.officialId, false), core.clock.now(), CHOICES));
  const screen = moveScreen(ctx, bookingId, version, times.filter((s) => s.id !== row.slotId), note);
  await showInPlace(ctx, pressedId(ctx), screen.text, screen.markup);
}

onPress(myReceptionButtons, moveButton, async (ctx, { booking, version }) => {
  await answerCallback(ctx);
  await showMove(ctx, booking, version);
});

onPress(myReceptionButtons, moveToButton, async (ctx, { booking, version, slot }) => {
  try {
    const result = await rescheduleBooking(ctx.deps.core, ctx.actor, { bookingId: booking, version, slotId: slot });
    await showMyReception(ctx, pressedId(ctx), withReminders(ctx, ctx.t("reception.move.done", { time: slotTime(result.slot.startsAt) }), result.reminders));
  } catch (error) {
    // A slot someone took a moment ago: said plainly, with the next free times to choose from.
    if (!isSlotTaken(error)) throw error;
    await answerCallback(ctx);
    await showMove(ctx, booking, version, error.alternatives, ctx.t("errors.reception_slot_taken"));
  }
});

onPress(myReceptionButtons, acceptOfferButton, async (ctx, { booking, version }) => {
  const result = await acceptOffer(ctx.deps.core, ctx.actor, { bookingId: booking, version });
  await answerCallback(ctx);
  await showMyReception(ctx, pressedId(ctx), bookedText(ctx, result));
});

onPress(myReceptionButtons, declineOfferButton, async (ctx, { booking, version }) => {
  await declineOffer(ctx.deps.core, ctx.actor, { bookingId: booking, version });
  await answerCallback(ctx, ctx.label("reception.my.declined"));
  await showMyReception(ctx, pressedId(ctx));
});
