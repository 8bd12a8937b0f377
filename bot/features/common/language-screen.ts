import { LANGUAGES } from "../../../core/shared/roles.js";
import { defineButtons, field } from "../../buttons/codec.js";
import type { BotContext } from "../../context.js";
import { homeKeyboard } from "../../keyboards/home.js";
import { languageKeyboard } from "../../keyboards/language.js";

/** `lg2:set:ru` changes the language from /language or the menu. */
export const languageButton = defineButtons("lg", 2).action("set", { language: field.choice(...LANGUAGES) });

export function languageScreen(ctx: BotContext) {
  const keyboard = languageKeyboard(ctx.actor.language, (language) => languageButton.encode({ language }));
  return { text: ctx.t("language.choose"), markup: homeKeyboard(ctx, keyboard) };
}
