import { Composer } from "grammy";
import { beginReturnReport, CONTROL_ANSWER_FLOW } from "../../../core/control/answer-flow.js";
import { decideExtension } from "../../../core/control/extension.js";
import { acceptReport } from "../../../core/control/report.js";
import { setFlowMessage } from "../../../core/flows/store.js";
import { DomainError } from "../../../core/shared/errors.js";
import type { BotContext } from "../../context.js";
import type { Html } from "../../html.js";
import { formatDate } from "../../format.js";
import { answerCallback, send, stripButtons } from "../../messages.js";
import { decisionButton } from "./buttons.js";

/**
 * A registrar (or deputy, or the Head) decides under the notice itself: accept or return a report,
 * grant or refuse more time. The notice keeps its text and loses its buttons once decided.
 */
export const decisions = new Composer<BotContext>();

decisions.callbackQuery(decisionButton.pattern, async (ctx) => {
  const parsed = decisionButton.parse(ctx.callbackQuery.data);
  if (!parsed) throw new DomainError("stale_button");
  const [action, ref] = parsed;
  const messageId = ctx.callbackQuery.message?.message_id ?? null;
  const core = ctx.deps.core;
  if (action === "ret") {
    const number = await beginReturnReport(core, ctx.actor, ref);
    await answerCallback(ctx);
    const asked = await send(ctx, ctx.t("control.answer.ask_comment", { number }));
    return setFlowMessage(core, ctx.actor.userId, CONTROL_ANSWER_FLOW, asked);
  }
  let text: Html;
  if (action === "acc") {
    const { number } = await acceptReport(core, ctx.actor, { reportId: ref });
    text = ctx.t("control.decided.accepted", { number });
  } else {
    const { number, dueOn, granted } = await decideExtension(core, ctx.actor, { requestId: ref, grant: action === "grant" });
    text = ctx.t(granted ? "control.decided.granted" : "control.decided.refused", { number, due: formatDate(dueOn) });
  }
  await answerCallback(ctx);
  await stripButtons(ctx, messageId);
  await send(ctx, text);
});
