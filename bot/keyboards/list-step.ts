import { placeOf, type ChatFlow, type Screen } from "../flows/chat-flow.js";
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
    const target = placeOf(ctx, state, via);
    if (target === null) await stripButtons(ctx, state.messageId);
    const shown = target === null ? await picker.show(ctx, {}) : await picker.again(ctx, target);
    if (shown !== state.messageId) await chat.flow.setMessage(ctx.deps.core, ctx.actor, shown, state.version);
  };
}
