import { Composer, InlineKeyboard } from "grammy";
import { beginHeadDecision, finishHeadDecision, headDecisionFlow } from "../../../core/appeals/head-decision-flow.js";
import { HEAD_DECISIONS, OBJECTION_KEYBOARD } from "../../../core/appeals/objection.js";
import { defineButtons, field } from "../../buttons/codec.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { registerOutboxKeyboard } from "../../delivery/outbox-keyboards.js";
import { defineChatFlow } from "../../flows/chat-flow.js";
import { answerCallback, send, stripButtons } from "../../messages.js";

/**
 * The Head's decision on a citizen's objection, under the notice that brought it: reply
 * to the citizen, re-open the review, or keep a note; each asks for the words, then goes on the trail.
 */
export const headDecision = new Composer<BotContext>();

const buttons = defineButtons("hd", 1);
const decideButton = buttons.action("decide", { item: field.id, decision: field.choice(...HEAD_DECISIONS) });

registerOutboxKeyboard(OBJECTION_KEYBOARD, (label, executorId) => {
  const keyboard = new InlineKeyboard();
  for (const decision of HEAD_DECISIONS) keyboard.text(label(`control.objection.${decision}`), decideButton.encode({ item: executorId, decision })).row();
  return keyboard;
});

onPress(headDecision, decideButton, async (ctx, { item, decision }) => {
  const state = await beginHeadDecision(ctx.deps.core, ctx.actor, { executorId: item, decision });
  await answerCallback(ctx);
  await stripButtons(ctx, ctx.callbackQuery?.message?.message_id ?? null);
  await decisionChat.present(ctx, state, "new");
});

const decisionChat = defineChatFlow({
  flow: headDecisionFlow,
  buttons,
  steps: {
    text: {
      ask: (ctx, state) => ({ text: ctx.t(`control.objection.ask_${state.data.decision}`) }),
      async text(ctx, state, text) {
        await stripButtons(ctx, state.messageId);
        const { appeal, decision } = await finishHeadDecision(ctx.deps.core, ctx.actor, text);
        await send(ctx, ctx.t(`control.objection.done_${decision}`, { number: appeal.number }));
      },
    },
  },
});
