import { Composer } from "grammy";
import { listMyAppeals } from "../../../core/appeals/citizen-view.js";
import {
  beginBooking,
  bookingFlow,
  chooseOfficial,
  completeBooking,
  linkBookingAppeal,
  setBookingMatter,
  type BookingChoice,
  type BookingState,
} from "../../../core/reception/booking-flow.js";
import { officialById, officialLabel } from "../../../core/reception/officials.js";
import { isSlotTaken } from "../../../core/reception/slot-taken.js";
import { freeSlots } from "../../../core/reception/slots.js";
import { DomainError } from "../../../core/shared/errors.js";
import { can } from "../../../core/shared/permissions.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { defineChatFlow } from "../../flows/chat-flow.js";
import type { Html } from "../../../locales/html.js";
import { homeKeyboard, menuButton, recordKeyboard } from "../../keyboards/home.js";
import { drawListSteps, drawnByItsList } from "../../keyboards/list-step.js";
import { answerCallback, showInPlace } from "../../messages.js";
import { bookButton, linkButton, noLinkButton, officialButton, receptionButtons, requestButton, slotButton, waitlistButton } from "./citizen-buttons.js";
import { bookedText, linkScreen, officialsList, slotsScreen } from "./citizen-view.js";

/**
 * Booking personal reception in chat (DESIGN §5): an official, the matter in a few words,
 * an appeal it concerns, then a free time, a request, or the waitlist; Back on each question after the first.
 */
export const booking = new Composer<BotContext>();

/** Free times shown at once: two days of a typical schedule, four rows of buttons. */
const CHOICES = 8;

/** Why the times are shown again (a slot taken a moment ago), said once above them. */
const slotNotes = new WeakMap<BotContext, Html>();

/** The step's data as its question needs it; a row without it is an old release's. */
function officialOf(state: BookingState): number {
  if (state.data.officialId === undefined) throw new DomainError("stale_button");
  return state.data.officialId;
}

const bookingChat = defineChatFlow({
  flow: bookingFlow,
  buttons: receptionButtons,
  steps: {
    official: { ask: drawnByItsList },
    matter: {
      async ask(ctx, state) {
        const official = await officialById(ctx.deps.core.db, officialOf(state));
        return { text: ctx.t("reception.book.ask_matter", { official: officialLabel(official, ctx.actor.language).name }), markup: homeKeyboard(ctx) };
      },
      async text(ctx, _state, text) {
        await bookingChat.present(ctx, await setBookingMatter(ctx.deps.core, ctx.actor, text), "new");
      },
    },
    link: {
      ask: async (ctx) => linkScreen(ctx, (await listMyAppeals(ctx.deps.core, ctx.actor)).items),
    },
    slot: {
      async ask(ctx, state) {
        const core = ctx.deps.core;
        const official = await officialById(core.db, officialOf(state));
        return slotsScreen(ctx, official, state.data.matter ?? "", await freeSlots(core.db, official, core.clock.now(), CHOICES), slotNotes.get(ctx));
      },
    },
  },
});
drawListSteps(bookingChat, { official: officialsList });

/**
 * "Main menu" under the booking's question leaves the booking (nothing is booked yet), so a word
 * typed later is not taken for its answer; the menu's own feature then draws the menu.
 */
booking.callbackQuery(new RegExp(`^${menuButton.id}(:|$)`), async (ctx, next) => {
  const core = ctx.deps.core;
  const state = can(ctx.actor, "reception.book") ? await bookingFlow.load(core, ctx.actor) : null;
  if (state && state.messageId === ctx.callbackQuery.message?.message_id) await bookingFlow.end(core, ctx.actor);
  await next();
});

async function pressed(ctx: BotContext, state: BookingState): Promise<void> {
  await answerCallback(ctx);
  await bookingChat.present(ctx, state, "pressed");
}

onPress(booking, bookButton, async (ctx) => pressed(ctx, await beginBooking(ctx.deps.core, ctx.actor)));
onPress(booking, officialButton, async (ctx, { official }) => pressed(ctx, await chooseOfficial(ctx.deps.core, ctx.actor, official)));
onPress(booking, linkButton, async (ctx, { appeal }) => pressed(ctx, await linkBookingAppeal(ctx.deps.core, ctx.actor, appeal)));
onPress(booking, noLinkButton, async (ctx) => pressed(ctx, await linkBookingAppeal(ctx.deps.core, ctx.actor, null)));

/** The booking is made: the flow is over and the citizen sees what they got, with the menu. */
async function complete(ctx: BotContext, choice: BookingChoice): Promise<void> {
  const messageId = ctx.callbackQuery?.message?.message_id;
  let done;
  try {
    done = await completeBooking(ctx.deps.core, ctx.actor, choice);
  } catch (error) {
    if (!isSlotTaken(error)) throw error;
    // Said plainly, with the next free times to choose from.
    const state = await bookingFlow.load(ctx.deps.core, ctx.actor);
    if (!state) throw error;
    slotNotes.set(ctx, ctx.t("errors.reception_slot_taken"));
    return pressed(ctx, state);
  }
  await answerCallback(ctx);
  // What was booked or asked for stays in the chat: the menu opens below it.
  if ("requested" in done) return void (await showInPlace(ctx, messageId, ctx.t(`reception.book.${done.requested}`), recordKeyboard(ctx)));
  await showInPlace(ctx, messageId, bookedText(ctx, done.booked), recordKeyboard(ctx));
}

onPress(booking, slotButton, (ctx, { slot }) => complete(ctx, { slotId: slot }));
onPress(booking, requestButton, (ctx) => complete(ctx, "request"));
onPress(booking, waitlistButton, (ctx) => complete(ctx, "waitlist"));
