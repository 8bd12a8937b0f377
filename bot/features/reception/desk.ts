import { Composer, InlineKeyboard } from "grammy";
import { beginDecline, declineFlow, finishDecline, type DeclineReason } from "../../../core/reception/decline-flow.js";
import { slotTime } from "../../../core/reception/notices.js";
import { confirmRequest, DECLINE_TEMPLATES, offerSlot, pendingRequests, slotsForRequest } from "../../../core/reception/staff-decisions.js";
import { assertCan, can } from "../../../core/shared/permissions.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { defineChatFlow } from "../../flows/chat-flow.js";
import { answerCallback, showInPlace, stripButtons } from "../../messages.js";
import { confirmButton, confirmListButton, declineButton, deskButtons, nextRequestButton, offerButton, offerListButton, quickReasonButton } from "./desk-buttons.js";
import { showDayListOfficials } from "./desk-lists.js";
import { deskDays } from "./desk-days.js";
import { deskOutcome } from "./desk-outcome.js";
import { requestButtons, requestText, slotButtons } from "./desk-view.js";

/**
 * The Citizens' Reception sector's desk in chat: `/reception` shows the oldest request
 * to confirm, offer another time or decline, and each official's day list, printable, where staff
 * mark who came and record the outcome. The core re-checks every tap against the booking's version.
 */
const requests = new Composer<BotContext>();
export const receptionDesk = new Composer<BotContext>(requests, deskDays, deskOutcome);

const pressedId = (ctx: BotContext) => ctx.callbackQuery?.message?.message_id;

async function showNext(ctx: BotContext, messageId?: number): Promise<void> {
  const queue = await pendingRequests(ctx.deps.core, ctx.actor);
  const first = queue[0];
  if (!first) return void (await showInPlace(ctx, messageId, ctx.t("reception.desk.empty")));
  await showInPlace(ctx, messageId, requestText(ctx, first, queue.length), requestButtons(ctx, first));
}

requests.command("reception", async (ctx) => {
  assertCan(ctx.actor, "reception.day");
  if (can(ctx.actor, "reception.handle")) await showNext(ctx);
  await showDayListOfficials(ctx);
});

onPress(requests, nextRequestButton, async (ctx) => {
  await showNext(ctx, pressedId(ctx));
  await answerCallback(ctx);
});

for (const [button, decide, done] of [
  [confirmButton, confirmRequest, "reception.desk.confirmed"],
  [offerButton, offerSlot, "reception.desk.offered"],
] as const) {
  onPress(requests, button, async (ctx, { booking: bookingId, version, slot: slotId }) => {
    const { booking, slot } = await decide(ctx.deps.core, ctx.actor, { bookingId, version, slotId });
    await answerCallback(ctx);
    await showInPlace(ctx, pressedId(ctx), ctx.t(done, { id: booking.id, time: slotTime(slot.startsAt) }));
    await showNext(ctx);
  });
}

for (const [button, choose, slotButton] of [
  [confirmListButton, "reception.desk.choose_confirm", confirmButton],
  [offerListButton, "reception.desk.choose_offer", offerButton],
] as const) {
  onPress(requests, button, async (ctx, { booking, version }) => {
    const slots = await slotsForRequest(ctx.deps.core, ctx.actor, { bookingId: booking, version }, 8);
    await answerCallback(ctx);
    const text = ctx.t(slots.length === 0 ? "reception.desk.no_slots" : choose, { id: booking });
    await showInPlace(ctx, pressedId(ctx), text, slotButtons(ctx, slotButton, booking, version, slots));
  });
}

async function declined(ctx: BotContext, reason: DeclineReason): Promise<void> {
  const booking = await finishDecline(ctx.deps.core, ctx.actor, reason);
  await answerCallback(ctx);
  await showInPlace(ctx, pressedId(ctx), ctx.t("reception.desk.declined", { id: booking.id, reason: reason.reason }));
  await showNext(ctx);
}

/** Why a request is declined: typed, or one of the ready reasons the citizen reads in full. */
const declineChat = defineChatFlow({
  flow: declineFlow,
  buttons: deskButtons,
  steps: {
    reason: {
      ask(ctx, { data }) {
        const keyboard = new InlineKeyboard();
        for (const reason of DECLINE_TEMPLATES) {
          keyboard.text(ctx.label(`reception.desk.quick.${reason}`), quickReasonButton.encode({ booking: data.bookingId, version: data.version, reason })).row();
        }
        return { text: ctx.t("reception.desk.ask_reason", { id: data.bookingId }), markup: keyboard };
      },
      async text(ctx, state, reason) {
        await stripButtons(ctx, state.messageId);
        await declined(ctx, { reason });
      },
    },
  },
});

onPress(requests, declineButton, async (ctx, { booking, version }) => {
  const state = await beginDecline(ctx.deps.core, ctx.actor, { bookingId: booking, version });
  await answerCallback(ctx);
  await declineChat.present(ctx, state, "pressed");
});

onPress(requests, quickReasonButton, (ctx, { booking, version, reason }) =>
  declined(ctx, { reason: ctx.label(`reception.desk.quick_text.${reason}`), template: reason, drawnFor: { bookingId: booking, version } }),
);
