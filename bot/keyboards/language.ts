import { InlineKeyboard } from "grammy";
import { LANGUAGES, type Language } from "../../core/shared/roles.js";
import { labels } from "../../locales/index.js";

/** One button per language, each named in its own language; the current one is ticked. */
export function languageKeyboard(current: Language, encode: (language: Language) => string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const language of LANGUAGES) {
    const name = labels(language)("language.name");
    keyboard.text(language === current ? `✅ ${name}` : name, encode(language));
  }
  return keyboard;
}
