/**
 * A rough fingerprint of what an appeal is about: its longer words, cut to a stem so Kazakh and
 * Russian endings do not hide a match. Enough to flag a likely repeat for the registrar, who decides.
 */
const STEM = 6;
const MIN_WORD = 4;
/** Share of shared stems above which an appeal repeats an earlier one. */
export const REPEAT_SIMILARITY = 0.8;

export function subjectKey(text: string): string {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const stems = new Set(words.filter((w) => w.length >= MIN_WORD).map((w) => w.slice(0, STEM)));
  return [...stems].sort().join(" ");
}

/** Jaccard similarity of two fingerprints. */
export function similarity(a: string, b: string): number {
  const x = new Set(a.split(" ").filter(Boolean));
  const y = new Set(b.split(" ").filter(Boolean));
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const stem of x) if (y.has(stem)) shared++;
  return shared / (x.size + y.size - shared);
}
