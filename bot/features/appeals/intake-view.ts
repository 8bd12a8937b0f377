import { InlineKeyboard } from "grammy";
import { EDITABLE, type IntakeState } from "../../../core/appeals/intake.js";
import { ANSWER_LANGUAGES, APPEAL_TYPES, INTAKE_LIMITS, REPLY_CHANNELS } from "../../../core/appeals/kinds.js";
import { defineButtons, field } from "../../buttons/codec.js";
import type { BotContext } from "../../context.js";
import type { Screen } from "../../flows/chat-flow.js";
import { preview } from "../../../locales/format.js";
import { joinHtml, rendered } from "../../../locales/html.js";

/**
 * Intake buttons, each drawn for one version of the question (`in2:type:complaint:4`), but for
 * Confirm, which names its draft (`in2:confirm:<uuid>`) so a second tap finds the appeal it made.
 */
export const intakeButtons = defineButtons("in", 2);
const drawnFor = { version: field.version };
export const typeButton = intakeButtons.action("type", { type: field.choice(...APPEAL_TYPES), ...drawnFor });
export const filesDoneButton = intakeButtons.action("done", drawnFor);
export const languageButton = intakeButtons.action("lang", { language: field.choice(...ANSWER_LANGUAGES), ...drawnFor });
export const channelButton = intakeButtons.action("channel", { channel: field.choice(...REPLY_CHANNELS), ...drawnFor });
export const editButton = intakeButtons.action("edit", { field: field.choice(...EDITABLE), ...drawnFor });
export const cancelButton = intakeButtons.action("cancel", drawnFor);
export const confirmButton = intakeButtons.action("confirm", { draft: field.token });

const MAX_MB = INTAKE_LIMITS.fileBytesMax / 1024 / 1024;

/** Every question ends with Cancel; the flow adds Back where it leads somewhere. */
function withCancel(ctx: BotContext, keyboard: InlineKeyboard, version: number): InlineKeyboard {
  return keyboard.row().text(ctx.label("common.cancel"), cancelButton.encode({ version }));
}

export function intakeScreen(ctx: BotContext, state: IntakeState, complaintNumber?: string): Screen {
  const { t, label } = ctx;
  const { data, version } = state;
  const ask = (text: Screen["text"], keyboard = new InlineKeyboard()): Screen => ({ text, markup: withCancel(ctx, keyboard, version) });
  switch (state.step) {
    case "type": {
      const lines = APPEAL_TYPES.map((type) => t("appeal.intake.type_line", { name: label(`appeal.type.${type}`), hint: label(`appeal.type_hint.${type}`) }));
      const keyboard = new InlineKeyboard();
      APPEAL_TYPES.forEach((type, i) => {
        keyboard.text(label(`appeal.type.${type}`), typeButton.encode({ type, version }));
        if (i % 2 === 1) keyboard.row();
      });
      return ask(joinHtml([t("appeal.intake.ask_type"), joinHtml(lines)], "\n\n"), keyboard);
    }
    case "text":
      return ask(
        complaintNumber
          ? t("appeal.intake.ask_text_complaint", { number: complaintNumber })
          : t("appeal.intake.ask_text", { max: INTAKE_LIMITS.textMax.toLocaleString("ru-RU") }),
      );
    case "files": {
      const done = label(data.fileIds.length > 0 ? "appeal.intake.files_done" : "appeal.intake.files_skip");
      return ask(
        t("appeal.intake.ask_files", { max_mb: MAX_MB, max: INTAKE_LIMITS.filesMax, count: data.fileIds.length }),
        new InlineKeyboard().text(done, filesDoneButton.encode({ version })),
      );
    }
    case "language": {
      const keyboard = new InlineKeyboard();
      for (const language of ANSWER_LANGUAGES) keyboard.text(label(`appeal.language.${language}`), languageButton.encode({ language, version }));
      return ask(t("appeal.intake.ask_language"), keyboard);
    }
    case "channel": {
      const keyboard = new InlineKeyboard();
      for (const channel of REPLY_CHANNELS) keyboard.text(label(`appeal.intake.channel_${channel}`), channelButton.encode({ channel, version }));
      return ask(t("appeal.intake.ask_channel"), keyboard);
    }
    case "address":
      return ask(t("appeal.intake.ask_address"));
    case "summary":
      return ask(summaryText(ctx, state), summaryKeyboard(ctx, state));
  }
}

function summaryText(ctx: BotContext, { data }: IntakeState): Screen["text"] {
  const { t, label } = ctx;
  const channel = data.channel === "post" ? t("appeal.intake.channel_post_summary", { address: data.address ?? "" }) : t("appeal.intake.channel_chat_summary");
  return t("appeal.intake.summary", {
    type: data.type ? label(`appeal.type.${data.type}`) : "—",
    files: data.fileIds.length,
    language: data.language ? label(`appeal.language.${data.language}`) : "—",
    text: preview(data.text ?? ""),
    channel: rendered(channel),
  });
}

function summaryKeyboard(ctx: BotContext, { data, version }: IntakeState): InlineKeyboard {
  const keyboard = new InlineKeyboard().text(ctx.label("appeal.intake.confirm"), confirmButton.encode({ draft: data.draftId })).row();
  EDITABLE.forEach((field, i) => {
    keyboard.text(ctx.label(`appeal.intake.edit.${field}`), editButton.encode({ field, version }));
    if (i % 3 === 2) keyboard.row();
  });
  return keyboard;
}
