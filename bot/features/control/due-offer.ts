import { InlineKeyboard } from "grammy";
import type { Flow, FlowState } from "../../../core/flows/flow.js";
import { isDomainError } from "../../../core/shared/errors.js";
import type { BotContext } from "../../context.js";
import { formatDate } from "../../../locales/format.js";
import { send, stripButtons } from "../../messages.js";

/**
 * A due date refused for a day off or the past comes with the working day that would do, one tap
 * away; the refusal becomes the flow's question. False for any other error, which the caller rethrows.
 */
export async function offerWorkingDay<S extends string, D>(
  ctx: BotContext,
  flow: Flow<S, D>,
  asked: FlowState<S, D>,
  error: unknown,
  button: (date: string) => string,
): Promise<boolean> {
  if (!isDomainError(error) || typeof error.params.nextIso !== "string") return false;
  const offer = new InlineKeyboard().text(ctx.label("control.record.use_date", { date: formatDate(error.params.nextIso) }), button(error.params.nextIso));
  await stripButtons(ctx, asked.messageId);
  const shown = await send(ctx, ctx.t(`errors.${error.code}`, error.params), offer);
  // The refusal wrote nothing: the flow is still at the version that asked.
  await flow.setMessage(ctx.deps.core, ctx.actor, shown, asked.version);
  return true;
}
