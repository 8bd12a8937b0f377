import { Composer } from "grammy";
import { beginReturnReport } from "../../../core/control/answer-flow.js";
import { decideExtension } from "../../../core/control/extension.js";
import { acceptReport } from "../../../core/control/report.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import type { Html } from "../../../locales/html.js";
import { formatDate } from "../../../locales/format.js";
import { answerCallback, send, stripButtons } from "../../messages.js";
import { answerChat } from "./answers.js";
import { acceptReportButton, grantButton, refuseButton, returnReportButton } from "./buttons.js";

/**
 * A registrar (or deputy, or the Head) decides under the notice itself: accept or return a report,
 * grant or refuse more time. The notice keeps its text and loses its buttons once decided.
 */
export const decisions = new Composer<BotContext>();

async function decided(ctx: BotContext, text: Html): Promise<void> {
  await answerCallback(ctx);
  await stripButtons(ctx, ctx.callbackQuery?.message?.message_id ?? null);
  await send(ctx, text);
}

onPress(decisions, acceptReportButton, async (ctx, { report }) => {
  const { number } = await acceptReport(ctx.deps.core, ctx.actor, { reportId: report });
  await decided(ctx, ctx.t("control.decided.accepted", { number }));
});

// The comment is asked below the notice, which keeps its buttons until the comment is in.
onPress(decisions, returnReportButton, async (ctx, { report }) => {
  const state = await beginReturnReport(ctx.deps.core, ctx.actor, report);
  await answerCallback(ctx);
  await answerChat.present(ctx, state, "new");
});

for (const [button, grant] of [[grantButton, true], [refuseButton, false]] as const) {
  onPress(decisions, button, async (ctx, { request }) => {
    const { number, dueOn, granted } = await decideExtension(ctx.deps.core, ctx.actor, { requestId: request, grant });
    await decided(ctx, ctx.t(granted ? "control.decided.granted" : "control.decided.refused", { number, due: formatDate(dueOn) }));
  });
}
