import { Composer, InlineKeyboard } from "grammy";
import { CONTROL_SOURCES } from "../../../core/control/kinds.js";
import {
  answerRecord,
  attachRecordFile,
  beginRecord,
  cancelRecord,
  chooseDue,
  chooseSource,
  currentRecord,
  executorChoices,
  executorsChosen,
  finishRecord,
  RECORD_FLOW,
  toggleExecutor,
  type RecordState,
} from "../../../core/control/record-flow.js";
import { setFlowMessage } from "../../../core/flows/store.js";
import { DomainError, isDomainError } from "../../../core/shared/errors.js";
import type { BotContext } from "../../context.js";
import type { Html } from "../../html.js";
import { incomingFile, saveUpload } from "../../files/save-upload.js";
import { registerReask } from "../../flows/reask.js";
import { formatDate, preview } from "../../format.js";
import { answerCallback, send, showInPlace, stripButtons } from "../../messages.js";
import { recordButton } from "./buttons.js";
import { executorList } from "./executor-list.js";
import { dateFromButton, dateToButton } from "../../button-date.js";

/**
 * A registrar records a control document in chat (`/newcontrol`, Reg. 7.1.8): the source, its number
 * and date, the text or file, the executors, the due date, then a summary to confirm. Buttons edit
 * the question in place; a typed answer gets the next question below it.
 */
export const recordControl = new Composer<BotContext>();

/** Every question but the executors' list. */
async function question(ctx: BotContext, state: RecordState): Promise<{ text: Html; markup?: InlineKeyboard }> {
  const { step, data } = state;
  if (step === "source") {
    const markup = new InlineKeyboard();
    CONTROL_SOURCES.forEach((source, index) => markup.text(ctx.label(`control.source.${source}`), recordButton.encode("src", index)).row());
    return { text: ctx.t("control.record.ask_source"), markup };
  }
  if (step === "source_number") return { text: ctx.t("control.record.ask_source_number") };
  if (step === "source_date") return { text: ctx.t("control.record.ask_source_date") };
  if (step === "content") return { text: ctx.t("control.record.ask_content") };
  if (step === "due") return { text: ctx.t("control.record.ask_due") };
  const executors = await executorChoices(ctx.deps.core, ctx.actor, data.executorUserIds);
  return {
    text: ctx.t("control.record.summary", {
      source: data.source ?? "",
      sourceNumber: data.sourceNumber ?? "",
      sourceDate: data.sourceDate ? formatDate(data.sourceDate) : "",
      executors: executors.map((e) => e.name).join(", "),
      due: data.dueOn ? formatDate(data.dueOn) : "",
      file: ctx.label(data.fileId === undefined ? "control.record.file_none" : "control.record.file_attached"),
      text: preview(data.text ?? "", 2500),
    }),
    markup: new InlineKeyboard().text(ctx.label("control.record.confirm"), recordButton.encode("ok", 0)),
  };
}

/**
 * Shows the flow's question: in place of the message that was pressed, or as a new message. The
 * executors are a long list, shown again at the page and search where an executor was ticked.
 */
async function ask(ctx: BotContext, state: RecordState, messageId?: number): Promise<void> {
  if (state.step === "executors") return void (await setFlowMessage(ctx.deps.core, ctx.actor.userId, RECORD_FLOW, await executorList.again(ctx, messageId)));
  const { text, markup } = await question(ctx, state);
  const shown = await showInPlace(ctx, messageId, text, markup);
  await setFlowMessage(ctx.deps.core, ctx.actor.userId, RECORD_FLOW, shown);
}

registerReask(RECORD_FLOW, async (ctx) => {
  const state = await currentRecord(ctx.deps.core, ctx.actor);
  if (state) await ask(ctx, state);
});

recordControl.command("newcontrol", async (ctx) => {
  await ask(ctx, await beginRecord(ctx.deps.core, ctx.actor));
});

recordControl.callbackQuery(recordButton.pattern, async (ctx) => {
  const parsed = recordButton.parse(ctx.callbackQuery.data);
  if (!parsed) throw new DomainError("stale_button");
  const [action, value] = parsed;
  const messageId = ctx.callbackQuery.message?.message_id;
  const core = ctx.deps.core;
  if (action === "ok") {
    const recorded = await finishRecord(core, ctx.actor);
    await answerCallback(ctx);
    return void (await showInPlace(ctx, messageId, ctx.t("control.record.recorded", { number: recorded.number, due: formatDate(recorded.dueOn) })));
  }
  let state: RecordState;
  if (action === "src") {
    const source = CONTROL_SOURCES[value];
    if (!source) throw new DomainError("stale_button");
    state = await chooseSource(core, ctx.actor, source);
  } else if (action === "ex") state = await toggleExecutor(core, ctx.actor, value);
  else if (action === "done") state = await executorsChosen(core, ctx.actor);
  else state = await chooseDue(core, ctx.actor, dateFromButton(value));
  await answerCallback(ctx);
  // A typed answer comes next after these: the pressed message keeps its text and loses its buttons.
  if (state.step === "executors" || state.step === "confirm") return ask(ctx, state, messageId);
  await stripButtons(ctx, messageId ?? null);
  await ask(ctx, state);
});

recordControl.on("message", async (ctx, next) => {
  if (ctx.activeFlow !== RECORD_FLOW || ctx.message.text?.startsWith("/")) return next();
  const core = ctx.deps.core;
  const before = await currentRecord(core, ctx.actor);
  const file = incomingFile(ctx);
  if (!before || (!file && ctx.message.text === undefined)) return next();
  if (file && before.step !== "content") throw new DomainError("expects_text");
  let state: RecordState;
  try {
    state =
      file
        ? await attachRecordFile(core, ctx.actor, (await saveUpload(ctx, file)).id, ctx.message.caption)
        : await answerRecord(core, ctx.actor, ctx.message.text ?? "");
  } catch (error) {
    // A refused due date comes with the working day that would do, one tap away.
    if (!isDomainError(error) || typeof error.params.nextIso !== "string") throw error;
    const offer = new InlineKeyboard().text(ctx.label("control.record.use_date", { date: formatDate(error.params.nextIso) }), recordButton.encode("due", dateToButton(error.params.nextIso)));
    await stripButtons(ctx, before.messageId);
    const shown = await send(ctx, ctx.t(`errors.${error.code}`, error.params), offer);
    return setFlowMessage(core, ctx.actor.userId, RECORD_FLOW, shown);
  }
  await stripButtons(ctx, before.messageId);
  await ask(ctx, state);
});

export async function cancelRecordFlow(ctx: BotContext): Promise<void> {
  await cancelRecord(ctx.deps.core, ctx.actor);
  await send(ctx, ctx.t("common.cancelled"));
}
