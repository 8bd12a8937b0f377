import { Composer } from "grammy";
import { answerControl, cancelControlAnswer, CONTROL_ANSWER_FLOW, currentControlAnswer, type ControlAnswerOutcome } from "../../../core/control/answer-flow.js";
import { setFlowMessage } from "../../../core/flows/store.js";
import { DomainError } from "../../../core/shared/errors.js";
import type { BotContext } from "../../context.js";
import type { Html } from "../../html.js";
import { incomingFile, saveUpload } from "../../files/save-upload.js";
import { registerReask } from "../../flows/reask.js";
import { send, stripButtons } from "../../messages.js";

/** What is typed (or, for a report, sent as a file) after a control button: a report, a request for more time, a comment. */
export const answers = new Composer<BotContext>();

const QUESTIONS = {
  report: "control.answer.ask_report",
  extension_reason: "control.answer.ask_reason",
  extension_date: "control.answer.ask_date",
  return_comment: "control.answer.ask_comment",
} as const;

async function ask(ctx: BotContext): Promise<void> {
  const state = await currentControlAnswer(ctx.deps.core, ctx.actor);
  if (!state) return;
  const asked = await send(ctx, ctx.t(QUESTIONS[state.step], { number: state.data.number }));
  await setFlowMessage(ctx.deps.core, ctx.actor.userId, CONTROL_ANSWER_FLOW, asked);
}

registerReask(CONTROL_ANSWER_FLOW, ask);

function told(ctx: BotContext, outcome: ControlAnswerOutcome): Html {
  if (outcome.done === "reported") return ctx.t("control.answer.reported", { number: outcome.number });
  if (outcome.done === "extension_asked") return ctx.t("control.answer.extension_asked", { number: outcome.number });
  if (outcome.done === "returned") return ctx.t("control.decided.returned", { number: outcome.number, comment: outcome.comment });
  return ctx.t("control.answer.ask_date", { number: outcome.number });
}

answers.on("message", async (ctx, next) => {
  if (ctx.activeFlow !== CONTROL_ANSWER_FLOW || ctx.message.text?.startsWith("/")) return next();
  const file = incomingFile(ctx);
  if (!file && ctx.message.text === undefined) return next();
  const core = ctx.deps.core;
  const before = await currentControlAnswer(core, ctx.actor);
  // Only a report takes a file; the other questions want words, and nothing is stored for them.
  if (file && before?.step !== "report") throw new DomainError("expects_text");
  const outcome = file
    ? await answerControl(core, ctx.actor, { fileId: (await saveUpload(ctx, file)).id, text: ctx.message.caption })
    : await answerControl(core, ctx.actor, { text: ctx.message.text });
  await stripButtons(ctx, before?.messageId ?? null);
  const sent = await send(ctx, told(ctx, outcome));
  if (outcome.done === false) await setFlowMessage(core, ctx.actor.userId, CONTROL_ANSWER_FLOW, sent);
});

export async function cancelControlAnswerFlow(ctx: BotContext): Promise<void> {
  await cancelControlAnswer(ctx.deps.core, ctx.actor);
  await send(ctx, ctx.t("common.cancelled"));
}
