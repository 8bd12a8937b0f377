import { Composer } from "grammy";
import { writtenBy } from "../../core/flows/flow.js";
import type { BotContext } from "../context.js";
import { incomingFile } from "../files/save-upload.js";
import { send, stripButtons } from "../messages.js";
import { chatFlowNamed, flowBackButtons } from "./chat-flow.js";

/**
 * Sends what a person types (or sends) to the flow they are in, as its current step takes it.
 * What the step cannot take goes on, to the hints that ask the step again. Commands are not answers.
 */
export const flowRouter = new Composer<BotContext>(flowBackButtons);

flowRouter.on("message", async (ctx, next) => {
  const chat = chatFlowNamed(ctx.activeFlow);
  if (!chat || ctx.message.text?.startsWith("/")) return next();
  const state = await chat.flow.load(ctx.deps.core, ctx.actor);
  if (!state) return next();
  // Handled a second time (the inbox delivers at least once): the answer is in, so only ask on.
  if (writtenBy(state, ctx.deps.core)) return chat.present(ctx, state, "new");
  const step = chat.steps[state.step]!;
  const file = incomingFile(ctx);
  if (file) return step.file ? step.file(ctx, state, file) : next();
  if (ctx.message.contact) return step.contact ? step.contact(ctx, state, ctx.message.contact) : next();
  if (ctx.message.text !== undefined && step.text) return step.text(ctx, state, ctx.message.text);
  return next();
});

/** Asks the active flow's question again (after a restart, /language, a message it could not take); false outside a flow. */
export async function reaskActiveFlow(ctx: BotContext): Promise<boolean> {
  const chat = chatFlowNamed(ctx.activeFlow);
  const state = chat ? await chat.flow.load(ctx.deps.core, ctx.actor) : null;
  if (!chat || !state) return false;
  await chat.present(ctx, state, "new");
  return true;
}

/**
 * A press handled a second time (the inbox delivers at least once) whose first run moved the flow
 * on but ended before showing it: the press is refused as out of date, so the flow's current
 * question is shown instead, as a second run of a message shows it. False when this is not such a run.
 */
export async function reaskAfterRerun(ctx: BotContext): Promise<boolean> {
  const chat = chatFlowNamed(ctx.activeFlow);
  const state = chat ? await chat.flow.load(ctx.deps.core, ctx.actor) : null;
  if (!chat || !state || !writtenBy(state, ctx.deps.core)) return false;
  await chat.present(ctx, state, "new");
  return true;
}

/** /cancel: ends the active flow, undoing what its core flow says; false outside a flow. */
export async function cancelActiveFlow(ctx: BotContext): Promise<boolean> {
  const chat = chatFlowNamed(ctx.activeFlow);
  if (!chat) return false;
  const state = await chat.flow.cancel(ctx.deps.core, ctx.actor);
  await stripButtons(ctx, state?.messageId ?? null);
  const screen = chat.cancelled?.(ctx) ?? { text: ctx.t("common.cancelled") };
  await send(ctx, screen.text, screen.markup);
  return true;
}
