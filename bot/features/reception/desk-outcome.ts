import { Composer, InlineKeyboard } from "grammy";
import { answerOutcome, beginOutcome, finishOutcome, outcomeFlow, type OutcomeAnswer, type OutcomeState } from "../../../core/reception/outcome-flow.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { defineChatFlow } from "../../flows/chat-flow.js";
import { drawListSteps, drawnByItsList } from "../../keyboards/list-step.js";
import { answerCallback, showInPlace, stripButtons } from "../../messages.js";
import { offerWorkingDay } from "../control/due-offer.js";
import { assignmentExecutors } from "./desk-lists.js";
import { cameButton, noAssignmentButton, noNoteButton, outcomeButtons, outcomeDueButton, outcomeExecutorButton } from "./desk-buttons.js";

/**
 * After a meeting: "Came", then what was decided, an assignment given there
 * (its text, due date and executor), and a note for the citizen. Buttons edit the question in
 * place; a typed answer gets the next question below it.
 */
export const deskOutcome = new Composer<BotContext>();

const question = (key: string, button?: { label: string; data: string }) => (ctx: BotContext) => ({
  text: ctx.t(key),
  ...(button && { markup: new InlineKeyboard().text(ctx.label(button.label), button.data) }),
});

/** A typed answer; a due date the calendar refuses comes back with the working day that would do. */
async function typed(ctx: BotContext, asked: OutcomeState, answer: OutcomeAnswer): Promise<void> {
  let state: OutcomeState;
  try {
    state = await answerOutcome(ctx.deps.core, ctx.actor, answer);
  } catch (error) {
    if (await offerWorkingDay(ctx, outcomeFlow, asked, error, (date) => outcomeDueButton.encode({ date }))) return;
    throw error;
  }
  await outcomeChat.present(ctx, state, "new");
}

async function recorded(ctx: BotContext, note: string | null): Promise<void> {
  const { booking, outcome } = await finishOutcome(ctx.deps.core, ctx.actor, note);
  await showInPlace(ctx, ctx.callbackQuery?.message?.message_id, ctx.t("reception.desk.outcome_recorded", { id: booking.id, assignments: outcome.assignments.length }));
}

const outcomeChat = defineChatFlow({
  flow: outcomeFlow,
  buttons: outcomeButtons,
  steps: {
    summary: { ask: question("reception.desk.ask_summary"), text: (ctx, state, summary) => typed(ctx, state, { summary }) },
    assignment: {
      ask: question("reception.desk.ask_assignment", { label: "reception.desk.no_assignment", data: noAssignmentButton.encode({}) }),
      text: (ctx, state, assignment) => typed(ctx, state, { assignment }),
    },
    due: { ask: question("reception.desk.ask_due"), text: (ctx, state, due) => typed(ctx, state, { due }) },
    executor: { ask: drawnByItsList },
    note: {
      ask: question("reception.desk.ask_note", { label: "reception.desk.no_note", data: noNoteButton.encode({}) }),
      async text(ctx, state, note) {
        await stripButtons(ctx, state.messageId);
        await recorded(ctx, note);
      },
    },
  },
});
drawListSteps(outcomeChat, { executor: assignmentExecutors });

// The day list loses its buttons; the questions come below it.
onPress(deskOutcome, cameButton, async (ctx, { booking, version }) => {
  const state = await beginOutcome(ctx.deps.core, ctx.actor, { bookingId: booking, version });
  await answerCallback(ctx);
  await stripButtons(ctx, ctx.callbackQuery?.message?.message_id ?? null);
  await outcomeChat.present(ctx, state, "new");
});

async function pressed(ctx: BotContext, answer: OutcomeAnswer): Promise<void> {
  const state = await answerOutcome(ctx.deps.core, ctx.actor, answer);
  await answerCallback(ctx);
  await outcomeChat.present(ctx, state, "pressed");
}

onPress(deskOutcome, noAssignmentButton, (ctx) => pressed(ctx, { assignment: null }));
onPress(deskOutcome, outcomeDueButton, (ctx, { date }) => pressed(ctx, { due: date }));
onPress(deskOutcome, outcomeExecutorButton, (ctx, { user }) => pressed(ctx, { executorUserId: user }));

onPress(deskOutcome, noNoteButton, async (ctx) => {
  await recorded(ctx, null);
  await answerCallback(ctx);
});
