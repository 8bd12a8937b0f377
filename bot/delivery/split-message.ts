import type { Html } from "../../locales/html.js";

/** Telegram's limit on a message's text. */
export const MESSAGE_LIMIT = 4096;

interface Cut {
  /** Where the part ends in the markup. */
  at: number;
  /** Tags open there: closed at the end of this part and opened again at the start of the next. */
  open: readonly string[];
}

const closing = (tag: string): string => `</${/^<([^\s>]+)/.exec(tag)![1]}>`;
const closers = (open: readonly string[]): string => [...open].reverse().map(closing).join("");

/** How long the markup unit at `i` is: a whole tag, a whole entity, or one character (both halves of a surrogate pair). */
function unitLength(html: string, i: number): number {
  const ch = html[i];
  if (ch === "<") return html.indexOf(">", i) + 1 - i || html.length - i;
  if (ch === "&") {
    const end = html.indexOf(";", i);
    if (end > i && end - i <= 10) return end + 1 - i;
  }
  const code = html.charCodeAt(i);
  return code >= 0xd800 && code <= 0xdbff && i + 1 < html.length ? 2 : 1;
}

/**
 * Splits long markup into messages that each fit: on a paragraph break if one is in the second half
 * of the part, else a line break, else a space, else anywhere between two characters. A cut never
 * falls inside a tag, an entity or an emoji, and tags open at a cut are closed at the end of one
 * part and opened again at the start of the next, so each part is valid markup of its own.
 */
export function splitMessage(html: Html, limit = MESSAGE_LIMIT): Html[] {
  if (html.length <= limit) return [html];
  const parts: Html[] = [];
  let start: Cut = { at: 0, open: [] };
  let open: string[] = [];
  let best: { paragraph?: Cut; line?: Cut; space?: Cut; any?: Cut } = {};
  let i = 0;
  while (i < html.length) {
    const length = unitLength(html, i);
    const unit = html.slice(i, i + length);
    const nextOpen = unit.startsWith("</") ? open.slice(0, -1) : unit.startsWith("<") ? [...open, unit] : open;
    const prefix = start.open.join("");
    if (prefix.length + (i + length - start.at) + closers(nextOpen).length > limit && i > start.at) {
      const half = start.at + (limit - prefix.length) / 2;
      const pick = [best.paragraph, best.line, best.space].find((cut) => cut && cut.at > half) ?? best.any ?? { at: i, open };
      parts.push(`${prefix}${html.slice(start.at, pick.at).trimEnd()}${closers(pick.open)}` as Html);
      let at = pick.at;
      while (at < html.length && /\s/.test(html[at]!)) at++;
      start = { at, open: pick.open };
      open = [...pick.open];
      best = {};
      i = at;
      continue;
    }
    open = nextOpen;
    i += length;
    const cut = { at: i, open };
    best.any = cut;
    if (unit === "\n") best = { ...best, [html[i] === "\n" ? "paragraph" : html[i - 2] === "\n" ? "paragraph" : "line"]: cut };
    else if (unit === " ") best.space = cut;
  }
  const tail = `${start.open.join("")}${html.slice(start.at)}`;
  if (html.slice(start.at).trim() !== "") parts.push(tail as Html);
  return parts;
}
