import type { FlowState } from "../../../core/flows/flow.js";
import type { BotContext } from "../../context.js";
import type { ChatFlow } from "../../flows/chat-flow.js";

/**
 * Shows a flow just started in place of the message whose button started it (a menu that turns
 * into the question), remembering that message as the one asking.
 */
export async function presentInPlace<S extends string, D>(ctx: BotContext, chat: ChatFlow<S, D>, state: FlowState<S, D>): Promise<void> {
  const messageId = ctx.callbackQuery?.message?.message_id;
  if (messageId === undefined) return chat.present(ctx, state, "new");
  await chat.flow.setMessage(ctx.deps.core, ctx.actor, messageId, state.version);
  await chat.present(ctx, { ...state, messageId }, "edit");
}
