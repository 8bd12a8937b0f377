import type { MessageEntity } from "./types.js";

/**
 * Telegram's HTML parse mode: markup in, plain text plus entities out.
 * Modelled on tdlib's parser, with one deliberate difference: an `&` that
 * does not start one of the entities the Bot API documents (`&lt; &gt; &amp;
 * &quot;` and numeric ones, with their `;`) is rejected, where Telegram shows
 * it as it is, so text that was not escaped fails here rather than in front
 * of a citizen on the day it first contains `<`.
 * Offsets are in UTF-16 code units, as in the Bot API; error positions are
 * UTF-8 byte offsets, as in Telegram's messages.
 */

export class HtmlParseError extends Error {}

export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

const TAG_TYPES = new Map([
  ["b", "bold"],
  ["strong", "bold"],
  ["i", "italic"],
  ["em", "italic"],
  ["u", "underline"],
  ["ins", "underline"],
  ["s", "strikethrough"],
  ["strike", "strikethrough"],
  ["del", "strikethrough"],
  ["tg-spoiler", "spoiler"],
  ["span", "spoiler"],
  ["code", "code"],
  ["pre", "pre"],
  ["a", "text_link"],
  ["blockquote", "blockquote"],
  ["tg-emoji", "custom_emoji"],
]);

const NAMED_ENTITIES = new Map([
  ["lt", "<"],
  ["gt", ">"],
  ["amp", "&"],
  ["quot", '"'],
]);

/** Tag and attribute names are compared in ASCII lower case only, as tdlib does: `<Айгерім>` stays as typed. */
const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

interface OpenTag {
  name: string;
  type: string;
  start: number;
  attributes: Map<string, string>;
}

export function parseHtml(html: string): FormattedText {
  const byteOffset = (index: number): number => Buffer.byteLength(html.slice(0, index));
  const fail = (message: string): never => {
    throw new HtmlParseError(message);
  };
  const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/.test(ch);

  let text = "";
  const open: OpenTag[] = [];
  const entities: MessageEntity[] = [];
  const codeLanguage = new Map<MessageEntity, string>();
  let i = 0;

  const readEntity = (): string => {
    const match = /^&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));/i.exec(html.slice(i, i + 12));
    const codePoint = match?.[1] ? Number(match[1]) : match?.[2] ? parseInt(match[2], 16) : undefined;
    const named = match?.[3] ? NAMED_ENTITIES.get(match[3]) : undefined;
    const decoded =
      named ?? (codePoint !== undefined && codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff) ? String.fromCodePoint(codePoint) : undefined);
    if (!match || decoded === undefined) {
      return fail(`Character '&' at byte offset ${byteOffset(i)} does not start a supported HTML entity; escape it as "&amp;"`);
    }
    i += match[0].length;
    return decoded;
  };

  const readOpeningTag = (at: number): void => {
    const nameStart = i;
    while (i < html.length && !isSpace(html[i]) && html[i] !== ">") i++;
    if (i >= html.length) fail(`Unclosed start tag at byte offset ${byteOffset(at)}`);
    const name = asciiLower(html.slice(nameStart, i));
    const type = TAG_TYPES.get(name) ?? fail(`Unsupported start tag "${name}" at byte offset ${byteOffset(at)}`);
    const attributes = new Map<string, string>();
    while (html[i] !== ">") {
      while (isSpace(html[i])) i++;
      if (i >= html.length) fail(`Unclosed start tag at byte offset ${byteOffset(at)}`);
      if (html[i] === ">") break;
      const attrStart = i;
      while (i < html.length && !isSpace(html[i]) && html[i] !== "=" && html[i] !== ">") i++;
      const attrName = asciiLower(html.slice(attrStart, i));
      if (attrName === "") fail(`Empty attribute name in the tag "${name}" at byte offset ${byteOffset(at)}`);
      while (isSpace(html[i])) i++;
      if (html[i] !== "=") {
        if (name !== "blockquote" || attrName !== "expandable") {
          fail(`Expected equal sign in declaration of an attribute of the tag "${name}" at byte offset ${byteOffset(at)}`);
        }
        attributes.set(attrName, "");
        continue;
      }
      i++;
      while (isSpace(html[i])) i++;
      attributes.set(attrName, readAttributeValue(at));
    }
    i++;
    if (name === "span" && attributes.get("class") !== "tg-spoiler") {
      fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(at)}`);
    }
    open.push({ name, type, start: text.length, attributes });
  };

  const readAttributeValue = (at: number): string => {
    const quote = html[i];
    if (quote !== '"' && quote !== "'") {
      const tokenStart = i;
      while (i < html.length && /[a-z0-9.-]/i.test(html[i] ?? "")) i++;
      if (!isSpace(html[i]) && html[i] !== ">") fail(`Unexpected end of name token at byte offset ${byteOffset(i)}`);
      return asciiLower(html.slice(tokenStart, i));
    }
    i++;
    let value = "";
    while (i < html.length && html[i] !== quote) value += html[i] === "&" ? readEntity() : html[i++];
    if (i >= html.length) fail(`Unclosed start tag at byte offset ${byteOffset(at)}`);
    i++;
    return value;
  };

  const readClosingTag = (at: number): void => {
    if (open.length === 0) fail(`Unexpected end tag at byte offset ${byteOffset(at)}`);
    const nameStart = ++i;
    while (i < html.length && !isSpace(html[i]) && html[i] !== ">") i++;
    const name = asciiLower(html.slice(nameStart, i));
    while (isSpace(html[i])) i++;
    if (html[i] !== ">") fail(`Unclosed end tag at byte offset ${byteOffset(at)}`);
    i++;
    const tag = open.pop()!;
    if (name !== "" && name !== tag.name) {
      fail(`Unmatched end tag at byte offset ${byteOffset(at)}, expected "</${tag.name}>", found "</${name}>"`);
    }
    closeEntity(tag);
  };

  const closeEntity = (tag: OpenTag): void => {
    const length = text.length - tag.start;
    if (length === 0) return;
    const entity: MessageEntity = { type: tag.type, offset: tag.start, length };
    const argument = (name: string): string | undefined => tag.attributes.get(name) || undefined;
    switch (tag.name) {
      case "a": {
        const url = argument("href");
        if (url === undefined) return;
        entity.url = url;
        break;
      }
      case "code": {
        const language = argument("class")?.match(/^language-(.+)$/)?.[1];
        if (language) codeLanguage.set(entity, language);
        break;
      }
      case "pre": {
        // <pre><code class="language-x"> is one pre entity with a language.
        const inner = entities.at(-1);
        const language = inner && codeLanguage.get(inner);
        if (inner && language && inner.offset === entity.offset && inner.length === entity.length) {
          entities.pop();
          entity.language = language;
        }
        break;
      }
      case "blockquote":
        if (tag.attributes.has("expandable")) entity.type = "expandable_blockquote";
        break;
      case "tg-emoji": {
        const id = argument("emoji-id") ?? "";
        if (!/^[1-9]\d{0,18}$/.test(id)) fail("Invalid custom emoji identifier specified");
        entity.custom_emoji_id = id;
        break;
      }
    }
    entities.push(entity);
  };

  while (i < html.length) {
    const ch = html[i] as string;
    if (ch === "&") {
      text += readEntity();
    } else if (ch !== "<") {
      text += ch;
      i++;
    } else {
      const at = i++;
      if (html[i] === "/") readClosingTag(at);
      else readOpeningTag(at);
    }
  }
  const unclosed = open.at(-1);
  if (unclosed) fail(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

const ESCAPES: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" };

export function escapeHtml(text: string): string {
  return text.replace(/[<>&"]/g, (ch) => ESCAPES[ch] ?? ch);
}

const DISPLAY_TAGS = new Map([
  ["bold", "b"],
  ["italic", "i"],
  ["underline", "u"],
  ["strikethrough", "s"],
  ["spoiler", "span"],
  ["code", "code"],
  ["pre", "pre"],
  ["blockquote", "blockquote"],
  ["expandable_blockquote", "blockquote"],
  ["text_link", "a"],
]);

/** The tag an entity is shown with, or nothing (plain text, unsafe link). */
function displayTag(entity: MessageEntity): { name: string; attributes: string } | undefined {
  const name = DISPLAY_TAGS.get(entity.type);
  if (name === undefined) return undefined;
  if (entity.type === "text_link") {
    const url = entity.url ?? "";
    return /^(https?|tg|mailto):/i.test(url) ? { name, attributes: ` href="${escapeHtml(url)}"` } : undefined;
  }
  if (entity.type === "spoiler") return { name, attributes: ' class="tg-spoiler"' };
  if (entity.type === "pre" && entity.language) return { name, attributes: ` data-language="${escapeHtml(entity.language)}"` };
  return { name, attributes: "" };
}

const openingTag = (entity: MessageEntity): string => {
  const tag = displayTag(entity);
  return tag ? `<${tag.name}${tag.attributes}>` : "";
};
const closingTag = (entity: MessageEntity): string => `</${displayTag(entity)?.name ?? ""}>`;

/**
 * Entities back to HTML for display: all text is escaped and only a fixed
 * set of tags is produced. Overlapping entities are closed and reopened at
 * each boundary so the output always nests.
 */
export function entitiesToHtml(text: string, entities: readonly MessageEntity[] = []): string {
  const shown = entities
    .filter((e) => displayTag(e) !== undefined && e.length > 0)
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
  const cuts = [...new Set([0, text.length, ...shown.flatMap((e) => [e.offset, e.offset + e.length])])]
    .filter((p) => p >= 0 && p <= text.length)
    .sort((a, b) => a - b);
  let html = "";
  let stack: MessageEntity[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const from = cuts[k] as number;
    const to = cuts[k + 1] as number;
    const active = shown.filter((e) => e.offset <= from && e.offset + e.length >= to);
    let keep = 0;
    while (keep < stack.length && stack[keep] === active[keep]) keep++;
    html += stack.slice(keep).reverse().map(closingTag).join("");
    html += active.slice(keep).map(openingTag).join("");
    stack = active;
    html += escapeHtml(text.slice(from, to));
  }
  return html + stack.reverse().map(closingTag).join("");
}
