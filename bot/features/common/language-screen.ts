import { z } from "zod";
import { LANGUAGES } from "../../../core/shared/roles.js";
import { defineCallback } from "../../callback-data.js";
import type { BotContext } from "../../context.js";
import { homeKeyboard } from "../../keyboards/home.js";
import { languageKeyboard } from "../../keyboards/language.js";

/** `lg1:set:ru` changes the language from /language or the menu. */
export const languageButton = defineCallback("lg1", z.literal("set"), z.enum(LANGUAGES));

export function languageScreen(ctx: BotContext) {
  const keyboard = languageKeyboard(ctx.actor.language, (l) => languageButton.encode("set", l));
  return { text: ctx.t("language.choose"), markup: homeKeyboard(ctx, keyboard) };
}
