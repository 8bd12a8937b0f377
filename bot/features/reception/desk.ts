import { Composer, InlineKeyboard, InputFile } from "grammy";
import { setFlowMessage } from "../../../core/flows/store.js";
import { renderDayList } from "../../../core/reception/day-list-pdf.js";
import {
  answerOutcome,
  beginDecline,
  beginOutcome,
  currentDecline,
  currentOutcome,
  DECLINE_FLOW,
  finishDecline,
  finishOutcome,
  OUTCOME_FLOW,
  type OutcomeState,
} from "../../../core/reception/desk-flows.js";
import { slotTime } from "../../../core/reception/notices.js";
import { recordOutcome } from "../../../core/reception/outcome.js";
import { confirmRequest, DECLINE_TEMPLATES, offerSlot, pendingRequests, slotsForRequest, type DeclineTemplate } from "../../../core/reception/staff-decisions.js";
import { dayList } from "../../../core/reception/views.js";
import { DomainError } from "../../../core/shared/errors.js";
import { assertCan, can } from "../../../core/shared/permissions.js";
import type { BotContext } from "../../context.js";
import { registerReask } from "../../flows/reask.js";
import { answerCallback, showInPlace, stripButtons } from "../../messages.js";
import { assignmentExecutors, showDayListOfficials } from "./desk-lists.js";
import { dayButtons, dayListWords, dayText, deskButton, QUICK_REASONS, requestButtons, requestText, slotButtons } from "./desk-view.js";
import { dateFromButton } from "../../button-date.js";

/**
 * The Citizens' Reception sector's desk in chat (Reg. 7.3): `/reception` shows the oldest request
 * to confirm, offer another time or decline, and each official's day list, printable, where staff
 * mark who came and record the outcome. The core re-checks every tap against the booking's version.
 */
export const receptionDesk = new Composer<BotContext>();

async function showNext(ctx: BotContext, messageId?: number): Promise<void> {
  const queue = await pendingRequests(ctx.deps.core, ctx.actor);
  const first = queue[0];
  if (!first) return void (await showInPlace(ctx, messageId, ctx.t("reception.desk.empty")));
  await showInPlace(ctx, messageId, requestText(ctx, first, queue.length), requestButtons(ctx, first));
}

receptionDesk.command("reception", async (ctx) => {
  assertCan(ctx.actor, "reception.day");
  if (can(ctx.actor, "reception.handle")) await showNext(ctx);
  await showDayListOfficials(ctx);
});

async function askOutcome(ctx: BotContext, state: OutcomeState, messageId?: number): Promise<void> {
  if (state.step === "executor") return void (await setFlowMessage(ctx.deps.core, ctx.actor.userId, OUTCOME_FLOW, await assignmentExecutors.show(ctx, {}, messageId)));
  const keyboard = new InlineKeyboard();
  if (state.step === "assignment") keyboard.text(ctx.label("reception.desk.no_assignment"), deskButton.encode("na", 0, 0, 0));
  if (state.step === "note") keyboard.text(ctx.label("reception.desk.no_note"), deskButton.encode("nn", 0, 0, 0));
  const shown = await showInPlace(ctx, messageId, ctx.t(`reception.desk.ask_${state.step}`), keyboard);
  await setFlowMessage(ctx.deps.core, ctx.actor.userId, OUTCOME_FLOW, shown);
}

registerReask(OUTCOME_FLOW, async (ctx) => {
  const state = await currentOutcome(ctx.deps.core, ctx.actor);
  if (state) await askOutcome(ctx, state);
});

async function outcomeRecorded(ctx: BotContext, messageId: number | undefined, note: string | null): Promise<void> {
  const { booking, outcome } = await finishOutcome(ctx.deps.core, ctx.actor, note);
  await showInPlace(ctx, messageId, ctx.t("reception.desk.outcome_recorded", { id: booking.id, assignments: outcome.assignments.length }));
}

receptionDesk.callbackQuery(deskButton.pattern, async (ctx) => {
  const parsed = deskButton.parse(ctx.callbackQuery.data);
  if (!parsed) throw new DomainError("stale_button");
  const [action, a, b, c] = parsed;
  const core = ctx.deps.core;
  const messageId = ctx.callbackQuery.message?.message_id;

  if (action === "dl" || action === "pdf") {
    const date = dateFromButton(b);
    const { official, entries } = await dayList(core, ctx.actor, { officialId: a, date });
    await answerCallback(ctx);
    if (action === "pdf") {
      const pdf = await renderDayList(entries, dayListWords(ctx, official, date));
      return void (await ctx.replyWithDocument(new InputFile(pdf, `reception-${official.id}-${date}.pdf`)));
    }
    return void (await showInPlace(ctx, messageId, dayText(ctx, official, date, entries), dayButtons(ctx, official, date, entries, core.clock.now(), can(ctx.actor, "reception.handle"))));
  }
  if (action === "nx") {
    await showNext(ctx, messageId);
    return answerCallback(ctx);
  }
  if (action === "ok" || action === "of") {
    const decide = action === "ok" ? confirmRequest : offerSlot;
    const { booking, slot } = await decide(core, ctx.actor, { bookingId: a, version: b, slotId: c });
    await answerCallback(ctx);
    await showInPlace(ctx, messageId, ctx.t(action === "ok" ? "reception.desk.confirmed" : "reception.desk.offered", { id: booking.id, time: slotTime(slot.startsAt) }));
    return showNext(ctx);
  }
  if (action === "lc" || action === "lo") {
    const slots = await slotsForRequest(core, ctx.actor, { bookingId: a, version: b }, 8);
    await answerCallback(ctx);
    const text = ctx.t(slots.length === 0 ? "reception.desk.no_slots" : action === "lc" ? "reception.desk.choose_confirm" : "reception.desk.choose_offer", { id: a });
    return void (await showInPlace(ctx, messageId, text, slotButtons(ctx, action === "lc" ? "ok" : "of", a, b, slots)));
  }
  if (action === "dn") {
    await beginDecline(core, ctx.actor, { bookingId: a, version: b });
    await answerCallback(ctx);
    const keyboard = new InlineKeyboard();
    QUICK_REASONS.forEach((quick, i) => keyboard.text(ctx.label(`reception.desk.quick.${DECLINE_TEMPLATES[i]!}`), deskButton.encode(quick, a, b, 0)).row());
    const asked = await showInPlace(ctx, messageId, ctx.t("reception.desk.ask_reason", { id: a }), keyboard);
    return setFlowMessage(core, ctx.actor.userId, DECLINE_FLOW, asked);
  }
  if (action === "q1" || action === "q2") {
    const state = await currentDecline(core, ctx.actor);
    if (state?.data.bookingId !== a || state.data.version !== b) throw new DomainError("stale_button");
    await answerCallback(ctx);
    const template = DECLINE_TEMPLATES[QUICK_REASONS.indexOf(action)]!;
    return declined(ctx, ctx.t(`reception.desk.quick_text.${template}`), messageId, template);
  }
  if (action === "ns") {
    await recordOutcome(core, ctx.actor, { bookingId: a, version: b, attended: false });
    await answerCallback(ctx, ctx.label("reception.desk.no_show_recorded"));
    return stripButtons(ctx, messageId ?? null);
  }
  if (action === "at") {
    await beginOutcome(core, ctx.actor, { bookingId: a, version: b });
    await answerCallback(ctx);
    await stripButtons(ctx, messageId ?? null);
    const state = await currentOutcome(core, ctx.actor);
    return askOutcome(ctx, state!);
  }
  if (action === "nn") {
    await outcomeRecorded(ctx, messageId, null);
    return answerCallback(ctx);
  }
  // na: no assignment; ex: the executor of the assignment.
  const state = await answerOutcome(core, ctx.actor, action === "na" ? null : a);
  await answerCallback(ctx);
  await askOutcome(ctx, state, messageId);
});

async function declined(ctx: BotContext, reason: string, messageId: number | undefined, template?: DeclineTemplate): Promise<void> {
  const booking = await finishDecline(ctx.deps.core, ctx.actor, reason, template);
  await showInPlace(ctx, messageId, ctx.t("reception.desk.declined", { id: booking.id, reason }));
  await showNext(ctx);
}

receptionDesk.on("message:text", async (ctx, next) => {
  const text = ctx.message.text;
  if (text.startsWith("/")) return next();
  if (ctx.activeFlow === DECLINE_FLOW) {
    const state = await currentDecline(ctx.deps.core, ctx.actor);
    await stripButtons(ctx, state?.messageId ?? null);
    return declined(ctx, text, undefined);
  }
  if (ctx.activeFlow !== OUTCOME_FLOW) return next();
  const state = await currentOutcome(ctx.deps.core, ctx.actor);
  await stripButtons(ctx, state?.messageId ?? null);
  if (state?.step === "note") return outcomeRecorded(ctx, undefined, text);
  if (state?.step === "executor") return askOutcome(ctx, state);
  await askOutcome(ctx, await answerOutcome(ctx.deps.core, ctx.actor, text));
});
