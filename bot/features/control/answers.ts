import { answerControl, controlAnswerFlow, type ControlAnswerOutcome, type ControlAnswerState, type ControlAnswerStep } from "../../../core/control/answer-flow.js";
import { DomainError } from "../../../core/shared/errors.js";
import { defineButtons } from "../../buttons/codec.js";
import type { BotContext } from "../../context.js";
import { saveUpload } from "../../files/save-upload.js";
import { defineChatFlow, type ChatStep } from "../../flows/chat-flow.js";
import type { Html } from "../../../locales/html.js";
import { send, stripButtons } from "../../messages.js";

/** The answers' flow has no buttons of its own; its family holds the flow's Back. */
const answerButtons = defineButtons("cta", 1);

const QUESTIONS = {
  report: "control.answer.ask_report",
  extension_reason: "control.answer.ask_reason",
  extension_date: "control.answer.ask_date",
  return_comment: "control.answer.ask_comment",
} as const;

function told(ctx: BotContext, outcome: Exclude<ControlAnswerOutcome, { done: false }>): Html {
  if (outcome.done === "reported") return ctx.t("control.answer.reported", { number: outcome.number });
  if (outcome.done === "extension_asked") return ctx.t("control.answer.extension_asked", { number: outcome.number });
  return ctx.t("control.decided.returned", { number: outcome.number, comment: outcome.comment });
}

async function answered(ctx: BotContext, asked: ControlAnswerState, answer: { text?: string; fileId?: number }): Promise<void> {
  const outcome = await answerControl(ctx.deps.core, ctx.actor, answer);
  if (outcome.done === false) return answerChat.present(ctx, outcome.state, "new");
  await stripButtons(ctx, asked.messageId);
  await send(ctx, told(ctx, outcome));
}

/** Each question takes words; only a report also takes a file, and nothing is stored for the others. */
function step(name: ControlAnswerStep): ChatStep<ControlAnswerStep, ControlAnswerState["data"]> {
  return {
    ask: (ctx, state) => ({ text: ctx.t(QUESTIONS[name], { number: state.data.number }) }),
    text: (ctx, state, text) => answered(ctx, state, { text }),
    async file(ctx, state, file) {
      if (name !== "report") throw new DomainError("expects_text");
      await answered(ctx, state, { fileId: (await saveUpload(ctx, file)).id, text: ctx.message?.caption });
    },
  };
}

/** What is typed (or, for a report, sent as a file) after a control button: a report, a request for more time, a comment. */
export const answerChat = defineChatFlow({
  flow: controlAnswerFlow,
  buttons: answerButtons,
  steps: { report: step("report"), extension_reason: step("extension_reason"), extension_date: step("extension_date"), return_comment: step("return_comment") },
});
