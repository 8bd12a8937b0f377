import { Composer, InlineKeyboard } from "grammy";
import { RECORDED_SOURCES } from "../../../core/control/kinds.js";
import {
  answerRecord,
  attachRecordFile,
  beginRecord,
  chooseDue,
  chooseSource,
  executorChoices,
  executorsChosen,
  finishRecord,
  recordFlow,
  toggleExecutor,
  type RecordDraft,
  type RecordState,
  type RecordStep,
} from "../../../core/control/record-flow.js";
import { DomainError } from "../../../core/shared/errors.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { saveUpload } from "../../files/save-upload.js";
import { defineChatFlow, type ChatStep, type Screen } from "../../flows/chat-flow.js";
import { formatDate, preview } from "../../../locales/format.js";
import { drawListSteps, drawnByItsList } from "../../keyboards/list-step.js";
import { answerCallback, showInPlace, stripButtons } from "../../messages.js";
import { confirmRecordButton, dueButton, executorButton, executorsDoneButton, recordButtons, sourceButton } from "./buttons.js";
import { offerWorkingDay } from "./due-offer.js";
import { executorList } from "./executor-list.js";

/**
 * A registrar records a control document in chat (`/newcontrol`): the source, its number
 * and date, the text or file, the executors, the due date, then a summary to confirm. Buttons edit
 * the question in place; a typed answer gets the next question below it.
 */
export const recordControl = new Composer<BotContext>();

const asks = (key: string) => (ctx: BotContext) => ({ text: ctx.t(key) });

async function summary(ctx: BotContext, { data }: RecordState): Promise<Screen> {
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
    markup: new InlineKeyboard().text(ctx.label("control.record.confirm"), confirmRecordButton.encode({})),
  };
}

/** Every step takes typing and files the same way: only the content takes a file; steps with buttons say to use them. */
const typed: Pick<ChatStep<RecordStep, RecordDraft>, "text" | "file"> = {
  text: (ctx, state, text) => answered(ctx, state, () => answerRecord(ctx.deps.core, ctx.actor, text)),
  async file(ctx, state, file) {
    if (state.step !== "content") throw new DomainError("expects_text");
    await answered(ctx, state, async () => attachRecordFile(ctx.deps.core, ctx.actor, (await saveUpload(ctx, file)).id, ctx.message?.caption));
  },
};

const recordChat = defineChatFlow({
  flow: recordFlow,
  buttons: recordButtons,
  steps: {
    source: {
      ask(ctx) {
        const markup = new InlineKeyboard();
        for (const source of RECORDED_SOURCES) markup.text(ctx.label(`control.source.${source}`), sourceButton.encode({ source })).row();
        return { text: ctx.t("control.record.ask_source"), markup };
      },
      ...typed,
    },
    source_number: { ask: asks("control.record.ask_source_number"), ...typed },
    source_date: { ask: asks("control.record.ask_source_date"), ...typed },
    content: { ask: asks("control.record.ask_content"), ...typed },
    executors: { ask: drawnByItsList, ...typed },
    due: { ask: asks("control.record.ask_due"), ...typed },
    confirm: { ask: summary, ...typed },
  },
});
drawListSteps(recordChat, { executors: executorList });

/** The next question after a typed answer comes below it; a refused due date offers the working day that would do. */
async function answered(ctx: BotContext, asked: RecordState, work: () => Promise<RecordState>): Promise<void> {
  let state: RecordState;
  try {
    state = await work();
  } catch (error) {
    if (await offerWorkingDay(ctx, recordFlow, asked, error, (date) => dueButton.encode({ date }))) return;
    throw error;
  }
  await recordChat.present(ctx, state, "new");
}

/** After a press the list and the summary are redrawn in place; a question that wants typing comes below, the pressed message losing its buttons. */
async function pressed(ctx: BotContext, state: RecordState): Promise<void> {
  await answerCallback(ctx);
  if (state.step === "executors" || state.step === "confirm") return recordChat.present(ctx, state, "pressed");
  const pressedId = ctx.callbackQuery?.message?.message_id ?? null;
  if (pressedId !== state.messageId) await stripButtons(ctx, pressedId);
  await recordChat.present(ctx, state, "new");
}

recordControl.command("newcontrol", async (ctx) => {
  await recordChat.present(ctx, await beginRecord(ctx.deps.core, ctx.actor), "new");
});

onPress(recordControl, sourceButton, async (ctx, { source }) => pressed(ctx, await chooseSource(ctx.deps.core, ctx.actor, source)));
onPress(recordControl, executorButton, async (ctx, { user }) => pressed(ctx, await toggleExecutor(ctx.deps.core, ctx.actor, user)));
onPress(recordControl, executorsDoneButton, async (ctx) => pressed(ctx, await executorsChosen(ctx.deps.core, ctx.actor)));
onPress(recordControl, dueButton, async (ctx, { date }) => pressed(ctx, await chooseDue(ctx.deps.core, ctx.actor, date)));

onPress(recordControl, confirmRecordButton, async (ctx) => {
  const recorded = await finishRecord(ctx.deps.core, ctx.actor);
  await answerCallback(ctx);
  await showInPlace(ctx, ctx.callbackQuery?.message?.message_id, ctx.t("control.record.recorded", { number: recorded.number, due: formatDate(recorded.dueOn) }));
});
