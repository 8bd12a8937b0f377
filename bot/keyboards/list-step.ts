import type { FlowState } from "../../core/flows/flow.js";
import type { BotContext } from "../context.js";
import type { ChatFlow, Screen } from "../flows/chat-flow.js";
import { stripButtons } from "../messages.js";
import type { Picker } from "./picker.js";

/**
 * The question of a step whose answer is picked from a long list (executors, officials): the
 * picker draws it, with its pages and its search by a typed word, so the step asks nothing itself.
 */
export function drawnByItsList(): Screen {
  throw new Error("a list step is drawn by its picker");
}

/**
 * Lets the pickers draw the flow's list steps wherever the flow is shown (a press, Back, a re-ask):
 * in place, at the page and search the person was at, or as a new list below. A list step offers no Back.
 */
export function drawListSteps<S extends string, D>(chat: ChatFlow<S, D>, lists: Partial<Record<S, Picker>>): void {
  const present = chat.present.bind(chat);
  chat.present = async (ctx, state, via) => {
    const picker = lists[state.step];
    if (!picker) return present(ctx, state, via);
    let shown: number;
    if (via === "edit") shown = await picker.again(ctx, state.messageId ?? undefined);
    else {
      await stripButtons(ctx, state.messageId);
      shown = await picker.show(ctx, {});
    }
    if (shown !== state.messageId) await chat.flow.setMessage(ctx.deps.core, ctx.actor, shown, state.version);
  };
}

/**
 * Shows the state in place of the message that was pressed. That is the flow's question unless the
 * press came from a list's search, which answers with a message of its own.
 */
export async function presentPressed<S extends string, D>(ctx: BotContext, chat: ChatFlow<S, D>, state: FlowState<S, D>): Promise<void> {
  const pressed = ctx.callbackQuery?.message?.message_id;
  if (pressed === undefined || pressed === state.messageId) return chat.present(ctx, state, "edit");
  await chat.flow.setMessage(ctx.deps.core, ctx.actor, pressed, state.version);
  await chat.present(ctx, { ...state, messageId: pressed }, "edit");
}
