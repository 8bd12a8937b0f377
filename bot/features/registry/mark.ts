import { Composer, InlineKeyboard } from "grammy";
import { beginMark, finishMark, markFlow } from "../../../core/registry/restrict-flow.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { defineChatFlow } from "../../flows/chat-flow.js";
import { answerCallback, send } from "../../messages.js";
import { markButton, markReasonButtons, openEntry } from "./buttons.js";

/** Marking a line for official use (ДСП), or lifting the mark: the reason is asked and kept in the line's trail. */
export const markEntry = new Composer<BotContext>();

const markChat = defineChatFlow({
  flow: markFlow,
  buttons: markReasonButtons,
  steps: {
    reason: {
      ask: (ctx, state) => ({ text: ctx.t(state.data.restricted ? "registry.mark.ask_reason" : "registry.mark.ask_unmark_reason") }),
      async text(ctx, _state, text) {
        const done = await finishMark(ctx.deps.core, ctx.actor, text);
        const key = !done.changed ? "registry.mark.unchanged" : done.restricted ? "registry.mark.marked" : "registry.mark.unmarked";
        await send(ctx, ctx.t(key), new InlineKeyboard().text(ctx.label("registry.button.open_entry"), openEntry.encode({ entry: done.entryId })));
      },
    },
  },
});

onPress(markEntry, markButton, async (ctx, { entry, restricted }) => {
  const state = await beginMark(ctx.deps.core, ctx.actor, { entryId: entry, restricted });
  await answerCallback(ctx);
  await markChat.present(ctx, state, "new");
});
