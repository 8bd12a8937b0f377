import { Composer } from "grammy";
import { acceptOffer, bookSlot, cancelBooking, declineOffer, requestReception, rescheduleBooking, type Booked } from "../../../core/reception/booking.js";
import { beginBooking, bookingChoice, BOOKING_FLOW, currentBooking, finishBooking, linkBookingAppeal, setBookingMatter } from "../../../core/reception/booking-flow.js";
import { bookingById } from "../../../core/reception/booking-row.js";
import { slotTime } from "../../../core/reception/notices.js";
import { officialById, officialLabel } from "../../../core/reception/officials.js";
import { isSlotTaken } from "../../../core/reception/slot-taken.js";
import { freeSlots, type Slot } from "../../../core/reception/slots.js";
import { myReception } from "../../../core/reception/views.js";
import { listMyAppeals } from "../../../core/appeals/citizen-view.js";
import { getProfile } from "../../../core/citizens/profile.js";
import { setFlowMessage } from "../../../core/flows/store.js";
import { DomainError } from "../../../core/shared/errors.js";
import type { BotContext } from "../../context.js";
import { html, type Html } from "../../html.js";
import { reaskActiveFlow, registerReask } from "../../flows/reask.js";
import { homeKeyboard } from "../../keyboards/home.js";
import { answerCallback, send, showInPlace, stripButtons } from "../../messages.js";
import { linkScreen, moveScreen, myReceptionScreen, officialsList, receptionButton, slotsScreen } from "./citizen-view.js";

/**
 * Personal reception for citizens (Reg. 7.3, DESIGN §5): "My reception", and booking in chat —
 * an official, the matter in a few words, then a free time, a request, or the waitlist.
 */
export const citizenReception = new Composer<BotContext>();

/** Free times shown at once: two days of a typical schedule, four rows of buttons. */
const CHOICES = 8;

export async function showMyReception(ctx: BotContext, messageId: number | undefined, note?: Html): Promise<void> {
  const screen = myReceptionScreen(ctx, await myReception(ctx.deps.core, ctx.actor));
  await showInPlace(ctx, messageId, note ? html`${note}\n\n${screen.text}` : screen.text, screen.markup);
}

async function askSlot(ctx: BotContext, messageId: number | undefined, note?: Html, slots?: Slot[]): Promise<void> {
  const core = ctx.deps.core;
  const { officialId, matter } = await bookingChoice(core, ctx.actor);
  const official = await officialById(core.db, officialId);
  const screen = slotsScreen(ctx, official, matter, slots ?? (await freeSlots(core.db, official, core.clock.now(), CHOICES)), note);
  const shown = await showInPlace(ctx, messageId, screen.text, screen.markup);
  await setFlowMessage(core, ctx.actor.userId, BOOKING_FLOW, shown);
}

async function askMatter(ctx: BotContext, messageId: number | undefined): Promise<void> {
  const state = await currentBooking(ctx.deps.core, ctx.actor);
  if (!state) return;
  const official = await officialById(ctx.deps.core.db, state.data.officialId);
  const shown = await showInPlace(ctx, messageId, ctx.t("reception.book.ask_matter", { official: officialLabel(official, ctx.actor.language).name }));
  await setFlowMessage(ctx.deps.core, ctx.actor.userId, BOOKING_FLOW, shown);
}

async function askLink(ctx: BotContext, messageId: number | undefined): Promise<void> {
  const { items } = await listMyAppeals(ctx.deps.core, ctx.actor);
  const screen = linkScreen(ctx, items);
  const shown = await showInPlace(ctx, messageId, screen.text, screen.markup);
  await setFlowMessage(ctx.deps.core, ctx.actor.userId, BOOKING_FLOW, shown);
}

registerReask(BOOKING_FLOW, async (ctx) => {
  const state = await currentBooking(ctx.deps.core, ctx.actor);
  if (state?.step === "slot") return askSlot(ctx, undefined);
  if (state?.step === "link") return askLink(ctx, undefined);
  return askMatter(ctx, undefined);
});

function bookedParams(ctx: BotContext, result: Booked): Record<string, string> {
  const { name, place } = officialLabel(result.official, ctx.actor.language);
  return { official: name, time: slotTime(result.slot.startsAt), place };
}

/** The booking is made: the flow ends and the citizen sees what they got. */
async function booked(ctx: BotContext, messageId: number | undefined, key: string, result: Booked | null): Promise<void> {
  await finishBooking(ctx.deps.core, ctx.actor);
  await showInPlace(ctx, messageId, ctx.t(key, result ? bookedParams(ctx, result) : {}), homeKeyboard(ctx));
}

/** A slot someone took a moment ago: said plainly, with the next free times to choose from. */
async function slotTaken<T>(ctx: BotContext, work: () => Promise<T>, retry: (slots: Slot[], note: Html) => Promise<void>): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    if (!isSlotTaken(error)) throw error;
    await answerCallback(ctx);
    await retry(error.alternatives, ctx.t("errors.reception_slot_taken"));
    return null;
  }
}

citizenReception.callbackQuery(receptionButton.pattern, async (ctx) => {
  const parsed = receptionButton.parse(ctx.callbackQuery.data);
  if (!parsed) throw new DomainError("stale_button");
  const [action, a, b, c] = parsed;
  const core = ctx.deps.core;
  const messageId = ctx.callbackQuery.message?.message_id;
  if (!(await getProfile(core, ctx.actor))) throw new DomainError("profile_missing");

  if (action === "new") {
    await officialsList.show(ctx, {}, messageId);
    return answerCallback(ctx);
  }
  if (action === "off") {
    await beginBooking(core, ctx.actor, a);
    await answerCallback(ctx);
    return askMatter(ctx, messageId);
  }
  if (action === "ln") {
    await linkBookingAppeal(core, ctx.actor, a === 0 ? null : a);
    await answerCallback(ctx);
    return askSlot(ctx, messageId);
  }
  if (action === "bk" || action === "rq" || action === "wl") {
    const { officialId, matter, appealId } = await bookingChoice(core, ctx.actor);
    const official = await officialById(core.db, officialId);
    if (action === "bk" && official.directBooking) {
      const result = await slotTaken(ctx, () => bookSlot(core, ctx.actor, { officialId, slotId: a, matter, appealId }), (slots, note) => askSlot(ctx, messageId, note, slots));
      if (result) await booked(ctx, messageId, "reception.book.booked", result);
      return;
    }
    await requestReception(core, ctx.actor, { officialId, matter, appealId, preferredSlotId: action === "bk" ? a : undefined, waitlist: action === "wl" });
    return booked(ctx, messageId, action === "wl" ? "reception.book.waiting" : "reception.book.requested", null);
  }
  if (action === "cx") {
    await cancelBooking(core, ctx.actor, { bookingId: a, version: b });
    await answerCallback(ctx, ctx.label("reception.my.cancelled"));
    return showMyReception(ctx, messageId);
  }
  if (action === "mv" || action === "mt") {
    const booking = await bookingById(core.db, a);
    if (booking.citizenUserId !== ctx.actor.userId || booking.version !== b) throw new DomainError("stale_button");
    const official = await officialById(core.db, booking.officialId, false);
    const showMove = async (slots: Slot[], note?: Html) => {
      const screen = moveScreen(ctx, a, b, slots.filter((s) => s.id !== booking.slotId), note);
      await showInPlace(ctx, messageId, screen.text, screen.markup);
    };
    if (action === "mv") {
      await answerCallback(ctx);
      return showMove(await freeSlots(core.db, official, core.clock.now(), CHOICES));
    }
    const result = await slotTaken(ctx, () => rescheduleBooking(core, ctx.actor, { bookingId: a, version: b, slotId: c }), showMove);
    if (result) await showMyReception(ctx, messageId, ctx.t("reception.move.done", { time: slotTime(result.slot.startsAt) }));
    return;
  }
  if (action === "ac") {
    const result = await acceptOffer(core, ctx.actor, { bookingId: a, version: b });
    await answerCallback(ctx);
    return showMyReception(ctx, messageId, ctx.t("reception.book.booked", bookedParams(ctx, result)));
  }
  await declineOffer(core, ctx.actor, { bookingId: a, version: b });
  await answerCallback(ctx, ctx.label("reception.my.declined"));
  await showMyReception(ctx, messageId);
});

citizenReception.on("message:text", async (ctx, next) => {
  if (ctx.activeFlow !== BOOKING_FLOW || ctx.message.text.startsWith("/")) return next();
  const state = await currentBooking(ctx.deps.core, ctx.actor);
  if (state?.step !== "matter") return void (await reaskActiveFlow(ctx));
  const step = await setBookingMatter(ctx.deps.core, ctx.actor, ctx.message.text);
  await stripButtons(ctx, state.messageId);
  await (step === "link" ? askLink(ctx, undefined) : askSlot(ctx, undefined));
});

/** `/cancel` inside the booking flow. */
export async function cancelBookingFlow(ctx: BotContext): Promise<void> {
  const state = await currentBooking(ctx.deps.core, ctx.actor);
  await finishBooking(ctx.deps.core, ctx.actor);
  await stripButtons(ctx, state?.messageId ?? null);
  await send(ctx, ctx.t("common.cancelled"));
}
