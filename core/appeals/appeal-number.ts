import { NUMBER_PREFIX } from "./kinds.js";

/**
 * Registration numbers as people type or link them. Any letter case is accepted; in deep links the
 * Latin JT/ZT stand for ЖТ/ЗТ, because Telegram's start parameters allow only Latin letters.
 */
const LATIN: Record<string, string> = { JT: NUMBER_PREFIX.individual, ZT: NUMBER_PREFIX.legal };
const PATTERN = new RegExp(`^(${[...Object.values(NUMBER_PREFIX), ...Object.keys(LATIN)].join("|")})-(\\d{4})-(\\d{6})$`, "iu");

/** The number in its registered form, or null when the text is not one. */
export function parseAppealNumber(input: string): string | null {
  const match = PATTERN.exec(input.trim());
  if (!match) return null;
  const prefix = match[1]!.toUpperCase();
  return `${LATIN[prefix] ?? prefix}-${match[2]}-${match[3]}`;
}

/** The number as a deep-link parameter: `appeal_JT-2026-000123`. */
export function numberForLink(number: string): string {
  const latin = Object.entries(LATIN).find(([, cyrillic]) => number.startsWith(cyrillic))?.[0];
  return latin ? number.replace(/^[^-]+/, latin) : number;
}
