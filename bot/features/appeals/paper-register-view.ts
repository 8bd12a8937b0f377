import { InlineKeyboard } from "grammy";
import { ANSWER_LANGUAGES, APPEAL_TYPES } from "../../../core/appeals/kinds.js";
import type { PaperState } from "../../../core/appeals/paper-flow.js";
import { PAPER_CHANNELS } from "../../../core/appeals/paper-register.js";
import { CITIZEN_KINDS } from "../../../core/citizens/profile.js";
import { defineButtons, field } from "../../buttons/codec.js";
import type { BotContext } from "../../context.js";
import type { Screen } from "../../flows/chat-flow.js";
import { preview } from "../../../locales/format.js";

/** The registration's buttons (its Back too): choices by name; Register names its draft, so a second tap finds the appeal it made. */
export const paperButtons = defineButtons("pr", 1);
export const kindButton = paperButtons.action("kind", { kind: field.choice(...CITIZEN_KINDS) });
export const typeButton = paperButtons.action("type", { type: field.choice(...APPEAL_TYPES) });
export const languageButton = paperButtons.action("lang", { language: field.choice(...ANSWER_LANGUAGES) });
export const channelButton = paperButtons.action("channel", { channel: field.choice(...PAPER_CHANNELS) });
export const skipIinButton = paperButtons.action("no_iin", {});
export const doneButton = paperButtons.action("done", {});
export const confirmButton = paperButtons.action("confirm", { draft: field.token });

function choices<V extends string>(values: readonly V[], label: (value: V) => string, encode: (value: V) => string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  values.forEach((value, i) => {
    keyboard.text(label(value), encode(value));
    if (i % 2 === 1) keyboard.row();
  });
  return keyboard;
}

export function paperScreen(ctx: BotContext, { step, data }: PaperState): Screen {
  const { t, label } = ctx;
  const text = data.text ? preview(data.text, 500) : label("paper.register.no_text");
  switch (step) {
    case "kind":
      return { text: t("paper.register.ask_kind"), markup: choices(CITIZEN_KINDS, (kind) => label(`signup.kind.${kind}`), (kind) => kindButton.encode({ kind })) };
    case "name":
      return { text: t(data.kind === "legal" ? "paper.register.ask_name_legal" : "paper.register.ask_name") };
    case "id_number":
      return data.kind === "legal"
        ? { text: t("paper.register.ask_bin") }
        : { text: t("paper.register.ask_iin"), markup: new InlineKeyboard().text(label("paper.register.skip_iin"), skipIinButton.encode({})) };
    case "organization":
      return { text: t("paper.register.ask_organization") };
    case "address":
      return { text: t("paper.register.ask_address") };
    case "type":
      return { text: t("paper.register.ask_type"), markup: choices(APPEAL_TYPES, (type) => label(`appeal.type.${type}`), (type) => typeButton.encode({ type })) };
    case "language":
      return { text: t("paper.register.ask_language"), markup: choices(ANSWER_LANGUAGES, (language) => label(`appeal.language.${language}`), (language) => languageButton.encode({ language })) };
    case "channel":
      return { text: t("paper.register.ask_channel"), markup: choices(PAPER_CHANNELS, (channel) => label(`paper.register.channel.${channel}`), (channel) => channelButton.encode({ channel })) };
    case "content":
      return {
        text: t("paper.register.ask_content", { text, files: data.fileIds.length }),
        markup: new InlineKeyboard().text(label("paper.register.content_done"), doneButton.encode({})),
      };
    case "summary": {
      const applicant = data.kind === "legal" ? `${data.organization ?? ""}, ${data.fullName ?? ""}` : (data.fullName ?? "");
      return {
        text: t("paper.register.summary", {
          applicant,
          id: (data.kind === "legal" ? data.bin : data.iin) ?? "—",
          address: data.address ?? "",
          type: data.type ? label(`appeal.type.${data.type}`) : "",
          language: data.language ? label(`appeal.language.${data.language}`) : "",
          channel: data.channel ? label(`paper.register.channel.${data.channel}`) : "",
          text,
          files: data.fileIds.length,
        }),
        markup: new InlineKeyboard().text(label("paper.register.confirm"), confirmButton.encode({ draft: data.draftId })),
      };
    }
  }
}
