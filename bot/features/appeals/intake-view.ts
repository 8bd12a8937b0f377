import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { EDITABLE, type IntakeData, type IntakeStep } from "../../../core/appeals/intake.js";
import { ANSWER_LANGUAGES, APPEAL_TYPES, INTAKE_LIMITS } from "../../../core/appeals/kinds.js";
import { defineCallback } from "../../callback-data.js";
import type { BotContext } from "../../context.js";
import { preview } from "../../format.js";
import { joinHtml, rendered, type Html } from "../../html.js";

/** Intake buttons: `in1:type:complaint`, `in1:confirm:<draft uuid>`, `in1:edit:text`, `in1:back:-`. */
export const intakeButton = defineCallback(
  "in1",
  z.enum(["type", "done", "lang", "channel", "edit", "back", "cancel", "confirm"]),
  z.string().max(40),
);

const MAX_MB = INTAKE_LIMITS.fileBytesMax / 1024 / 1024;

function tail(ctx: BotContext, keyboard: InlineKeyboard, back: boolean): InlineKeyboard {
  keyboard.row();
  if (back) keyboard.text(ctx.label("common.back"), intakeButton.encode("back", "-"));
  return keyboard.text(ctx.label("common.cancel"), intakeButton.encode("cancel", "-"));
}

export function intakeScreen(ctx: BotContext, step: IntakeStep, data: IntakeData, complaintNumber?: string): { text: Html; markup: InlineKeyboard } {
  const { t, label } = ctx;
  switch (step) {
    case "type": {
      const lines = APPEAL_TYPES.map((type) => t("appeal.intake.type_line", { name: label(`appeal.type.${type}`), hint: label(`appeal.type_hint.${type}`) }));
      const keyboard = new InlineKeyboard();
      APPEAL_TYPES.forEach((type, i) => {
        keyboard.text(label(`appeal.type.${type}`), intakeButton.encode("type", type));
        if (i % 2 === 1) keyboard.row();
      });
      return { text: joinHtml([t("appeal.intake.ask_type"), joinHtml(lines)], "\n\n"), markup: tail(ctx, keyboard, false) };
    }
    case "text":
      return {
        text: complaintNumber
          ? t("appeal.intake.ask_text_complaint", { number: complaintNumber })
          : t("appeal.intake.ask_text", { max: INTAKE_LIMITS.textMax.toLocaleString("ru-RU") }),
        markup: tail(ctx, new InlineKeyboard(), !complaintNumber),
      };
    case "files": {
      const done = label(data.fileIds.length > 0 ? "appeal.intake.files_done" : "appeal.intake.files_skip");
      return {
        text: t("appeal.intake.ask_files", { max_mb: MAX_MB, max: INTAKE_LIMITS.filesMax, count: data.fileIds.length }),
        markup: tail(ctx, new InlineKeyboard().text(done, intakeButton.encode("done", "-")), true),
      };
    }
    case "language": {
      const keyboard = new InlineKeyboard();
      for (const language of ANSWER_LANGUAGES) keyboard.text(label(`appeal.language.${language}`), intakeButton.encode("lang", language));
      return { text: t("appeal.intake.ask_language"), markup: tail(ctx, keyboard, true) };
    }
    case "channel":
      return {
        text: t("appeal.intake.ask_channel"),
        markup: tail(
          ctx,
          new InlineKeyboard()
            .text(label("appeal.intake.channel_chat"), intakeButton.encode("channel", "chat"))
            .text(label("appeal.intake.channel_post"), intakeButton.encode("channel", "post")),
          true,
        ),
      };
    case "address":
      return { text: t("appeal.intake.ask_address"), markup: tail(ctx, new InlineKeyboard(), true) };
    case "summary":
      return summaryScreen(ctx, data);
  }
}

function summaryScreen(ctx: BotContext, data: IntakeData): { text: Html; markup: InlineKeyboard } {
  const { t, label } = ctx;
  const channel = data.channel === "post" ? t("appeal.intake.channel_post_summary", { address: data.address ?? "" }) : t("appeal.intake.channel_chat_summary");
  const text = t("appeal.intake.summary", {
    type: data.type ? label(`appeal.type.${data.type}`) : "—",
    files: data.fileIds.length,
    language: data.language ? label(`appeal.language.${data.language}`) : "—",
    text: preview(data.text ?? ""),
    channel: rendered(channel),
  });
  const keyboard = new InlineKeyboard().text(label("appeal.intake.confirm"), intakeButton.encode("confirm", data.draftId)).row();
  EDITABLE.forEach((field, i) => {
    keyboard.text(label(`appeal.intake.edit.${field}`), intakeButton.encode("edit", field));
    if (i % 3 === 2) keyboard.row();
  });
  return { text, markup: tail(ctx, keyboard, true) };
}
