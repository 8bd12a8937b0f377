import { almatyDateTime, dottedDate } from "../core/calendar/dates.js";

/** Dates as people in Kazakhstan read them (31.12.2026), always in Asia/Almaty. */
export const formatDate = dottedDate;

export const formatDateTime = almatyDateTime;

/** The first `max` UTF-16 units of a text, one fewer where the cut would split an emoji's surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * A preview that fits a summary: the start of a long text, cut at a word. It cuts the person's raw
 * text; the translator escapes what is left, so no entity is ever cut in half.
 */
export function preview(text: string, max = 300): string {
  if (text.length <= max) return text;
  const cut = clip(text, max);
  return `${clip(cut, Math.max(cut.lastIndexOf(" "), max - 30))}…`;
}
