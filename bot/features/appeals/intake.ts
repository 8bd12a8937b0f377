import { Composer } from "grammy";
import { myAppeal } from "../../../core/appeals/citizen-view.js";
import { answerIntake, beginIntake, intakeFlow, type IntakeData, type IntakeInput, type IntakeState, type IntakeStep, type IntakeView } from "../../../core/appeals/intake.js";
import { INTAKE_LIMITS } from "../../../core/appeals/kinds.js";
import type { Receipt } from "../../../core/appeals/receipt.js";
import { DomainError } from "../../../core/shared/errors.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { saveUpload, type IncomingFile } from "../../files/save-upload.js";
import { defineChatFlow, type ChatStep } from "../../flows/chat-flow.js";
import { formatDate, formatDateTime } from "../../../locales/format.js";
import { joinHtml } from "../../../locales/html.js";
import { homeKeyboard, recordKeyboard } from "../../keyboards/home.js";
import { answerCallback, send, showInPlace, stripButtons } from "../../messages.js";
import { cancelButton, channelButton, confirmButton, editButton, filesDoneButton, intakeButtons, intakeScreen, languageButton, typeButton } from "./intake-view.js";

/** Submitting an appeal in chat; the steps and rules live in core/appeals/intake.ts. */
export const intake = new Composer<BotContext>();

/** Every step takes typed text and files; the core says which it waits for, and why not the other. */
const step: ChatStep<IntakeStep, IntakeData> = {
  ask: async (ctx, state) => intakeScreen(ctx, state, await complaintNumber(ctx, state.data.complaintOfId)),
  text: async (ctx, _state, text) => show(ctx, await answerIntake(ctx.deps.core, ctx.actor, { type: "text", text }), "new"),
  file: (ctx, state, file) => attach(ctx, state, file),
};

const intakeChat = defineChatFlow({
  flow: intakeFlow,
  buttons: intakeButtons,
  steps: { type: step, text: step, files: step, language: step, channel: step, address: step, summary: step },
  cancelled: (ctx) => ({ text: ctx.t("appeal.intake.cancelled"), markup: homeKeyboard(ctx) }),
});

async function show(ctx: BotContext, view: IntakeView, via: "edit" | "new"): Promise<void> {
  if (view.step === "registered") return showReceipt(ctx, view.receipt);
  await intakeChat.present(ctx, view, via);
}

async function complaintNumber(ctx: BotContext, appealId: number | undefined): Promise<string | undefined> {
  if (!appealId) return undefined;
  return (await myAppeal(ctx.deps.core, ctx.actor, { appealId })).appeal.number;
}

async function showReceipt(ctx: BotContext, receipt: Receipt): Promise<void> {
  const t = ctx.t;
  const text = joinHtml([
    t("appeal.intake.receipt", {
      number: receipt.number,
      received: formatDateTime(receipt.receivedAt),
      registered: formatDate(receipt.registeredOn),
      due: formatDate(receipt.dueOn),
      holder: ctx.label(`appeal.holder.${receipt.holder}`),
    }),
    ...(receipt.repeated ? [t("appeal.intake.repeated_note")] : []),
  ], "\n\n");
  await showInPlace(ctx, ctx.callbackQuery?.message?.message_id, text, recordKeyboard(ctx));
}

/**
 * Confirm again, on an appeal already registered: a pop-up says so and the receipt stays as it is.
 * Only a summary still on screen (the first reply was lost) becomes the receipt.
 */
async function alreadyRegistered(ctx: BotContext, receipt: Receipt): Promise<void> {
  await answerCallback(ctx, ctx.label("appeal.intake.already", { number: receipt.number }), true);
  const keyboard = ctx.callbackQuery?.message?.reply_markup?.inline_keyboard ?? [];
  const summaryShown = keyboard.flat().some((button) => "callback_data" in button && confirmButton.decode(button.callback_data) !== null);
  if (summaryShown) await showReceipt(ctx, receipt);
}

/** Opens intake from the menu, or for a complaint about an answer. */
export async function startIntake(ctx: BotContext, complaintOfId?: number): Promise<void> {
  const state = await beginIntake(ctx.deps.core, ctx.actor, complaintOfId ? { complaintOfId } : {});
  await intakeChat.present(ctx, state, "new");
}

async function pressed(ctx: BotContext, input: IntakeInput): Promise<void> {
  const view = await answerIntake(ctx.deps.core, ctx.actor, input);
  if (view.step === "registered" && view.again) return alreadyRegistered(ctx, view.receipt);
  await answerCallback(ctx);
  await show(ctx, view, "edit");
}

onPress(intake, typeButton, (ctx, { type, version }) => pressed(ctx, { type: "appeal_type", value: type, version }));
onPress(intake, filesDoneButton, (ctx, { version }) => pressed(ctx, { type: "files_done", version }));
onPress(intake, languageButton, (ctx, { language, version }) => pressed(ctx, { type: "language", value: language, version }));
onPress(intake, channelButton, (ctx, { channel, version }) => pressed(ctx, { type: "channel", value: channel, version }));
onPress(intake, editButton, (ctx, { field, version }) => pressed(ctx, { type: "edit", field, version }));
// Confirm names its draft, not a version: a double tap after registration is answered, not refused.
onPress(intake, confirmButton, (ctx, { draft }) => pressed(ctx, { type: "confirm", draftId: draft }));

onPress(intake, cancelButton, async (ctx, { version }) => {
  const state = await intakeFlow.load(ctx.deps.core, ctx.actor);
  if (!state || state.version !== version) throw new DomainError("stale_button");
  await intakeFlow.cancel(ctx.deps.core, ctx.actor);
  await answerCallback(ctx);
  await showInPlace(ctx, ctx.callbackQuery?.message?.message_id, ctx.t("appeal.intake.cancelled"), homeKeyboard(ctx));
});

async function attach(ctx: BotContext, state: IntakeState, file: IncomingFile): Promise<void> {
  // Refuse before downloading anything: wrong step, or the limit reached.
  if (state.step !== "files") throw new DomainError(state.step === "text" ? "text_before_files" : "files_not_now");
  if (state.data.fileIds.length >= INTAKE_LIMITS.filesMax) throw new DomainError("too_many_files", { max: INTAKE_LIMITS.filesMax });
  const saved = await saveUpload(ctx, file);
  const view = await answerIntake(ctx.deps.core, ctx.actor, { type: "file", fileId: saved.id });
  if (view.step !== "files") return show(ctx, view, "new");
  // The note goes below the old question and the question again below it.
  await stripButtons(ctx, view.messageId);
  await send(ctx, ctx.t("appeal.intake.file_added", { name: saved.fileName, count: view.data.fileIds.length, max: INTAKE_LIMITS.filesMax }));
  await intakeChat.present(ctx, { ...view, messageId: null }, "new");
}
