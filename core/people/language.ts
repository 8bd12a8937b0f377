import { sql } from "drizzle-orm";
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from "../shared/roles.js";

/** Telegram's language_code ("ru-RU", "kk") mapped onto ours; Kazakh, the state language, otherwise. */
export function guessLanguage(languageCode: string | undefined): Language {
  const base = languageCode?.slice(0, 2).toLowerCase();
  return LANGUAGES.find((l) => l === base) ?? DEFAULT_LANGUAGE;
}

/**
 * The one answer to "which language does this person read": the one they chose, else the one
 * Telegram gave when they first wrote, else the state language. Replies and queued notices alike.
 */
export function languageOf(person: { language: string | null; seenLanguage: string | null }): Language {
  return (person.language ?? person.seenLanguage ?? DEFAULT_LANGUAGE) as Language;
}

/** `languageOf` spelled in SQL for the person in `users` row `u`: for notices written by one statement. */
export const languageOfUser = (u: string) => sql`coalesce(${sql.raw(u)}.language, ${sql.raw(u)}.seen_language, ${DEFAULT_LANGUAGE})`;
