import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { letterSettings } from "../../db/schema/index.js";
import type { AnswerLanguage } from "../appeals/kinds.js";

/**
 * Every fixed word of the answer letter, per language, read from `letter_settings` (seeded by a
 * migration; a lawyer corrects a row, not the code). `{name}` placeholders are filled by `fill`.
 */
export const LETTER_WORD_KEYS = [
  /** The department's name, centred; a line per line of the value. */
  "letterhead",
  /** `{number}`, `{date}`; a draft has no number yet. */
  "outgoing",
  /** `{appeal}`, `{date}`: which appeal this answers. */
  "subject",
  /** `{name}`: the first name and patronymic, by the gender the patronymic tells. */
  "greeting_male",
  "greeting_female",
  "greeting_unknown",
  /** `{outcome}`, one of the four below. */
  "outcome",
  "outcome_satisfied",
  "outcome_explained",
  "outcome_refused",
  "outcome_left_without_review",
  /** How the answer may be contested, and where to and by when (APPK Arts. 91, 92). */
  "contest",
  /** The Head's title, for a Head whose staff profile is not filled in yet. */
  "head_position",
  /** The title a deputy signs under while acting for the Head (Reg. 13–14). */
  "acting_head",
  /** `{name}` and `{phone}` of who prepared the answer. */
  "executor",
  "executor_with_phone",
  "draft",
  /** `{appeal}`: the PDF's title. */
  "title",
] as const;

export type LetterWordKey = (typeof LETTER_WORD_KEYS)[number];
export type LetterWords = Record<LetterWordKey, string>;

const wordsSchema = z.object(Object.fromEntries(LETTER_WORD_KEYS.map((key) => [key, z.string().min(1)])) as Record<LetterWordKey, z.ZodString>);

export async function loadLetterWords(db: DbOrTx, language: AnswerLanguage): Promise<LetterWords> {
  const rows = await db.select({ key: letterSettings.key, value: letterSettings.value }).from(letterSettings).where(eq(letterSettings.language, language));
  const parsed = wordsSchema.safeParse(Object.fromEntries(rows.map((r) => [r.key, r.value])));
  // A missing or emptied row is a broken deployment, not the signer's mistake: fail loudly.
  if (!parsed.success) throw new Error(`letter_settings (${language}) incomplete: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`);
  return parsed.data;
}

/** `{name}` → its value; an unknown placeholder is left as written, so a typo in a row shows. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
