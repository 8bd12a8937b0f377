/** Telegram's limit on a message's text. */
export const MESSAGE_LIMIT = 4096;

/**
 * Splits a long text on paragraph breaks, then on line breaks, then anywhere, so each part fits
 * one message. Tags are not split across parts because answers carry only a leading bold number.
 */
export function splitMessage(text: string, limit = MESSAGE_LIMIT): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    const paragraph = window.lastIndexOf("\n\n");
    const cut = paragraph > limit / 2 ? paragraph : window.lastIndexOf("\n");
    const at = cut > limit / 2 ? cut : safeCut(window);
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

/** A hard cut that does not halve an HTML entity such as `&amp;`. */
function safeCut(window: string): number {
  const amp = window.lastIndexOf("&");
  return amp > window.length - 10 && !window.slice(amp).includes(";") ? amp : window.length;
}
