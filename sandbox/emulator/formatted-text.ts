import { HtmlParseError, parseHtml } from "./html-entities.js";
import type { FormattedText } from "./html-entities.js";
import { badRequest } from "./params.js";
import type { Params } from "./params.js";
import type { MessageEntity } from "./types.js";

const FIELDS = {
  text: { entities: "entities", limit: 4096, tooLong: "message is too long" },
  caption: { entities: "caption_entities", limit: 1024, tooLong: "message caption is too long" },
} as const;

const isEntity = (e: unknown): e is MessageEntity => {
  const { type, offset, length } = (e ?? {}) as Partial<MessageEntity>;
  return typeof type === "string" && Number.isInteger(offset) && Number.isInteger(length);
};

/** The required `text` of a message with its entities. */
export function readText(params: Params): FormattedText {
  const text = readFormatted(params, "text");
  if (!text) throw badRequest("message text is empty");
  return text;
}

/** The optional `caption` of a media message with its entities. */
export function readCaption(params: Params): FormattedText | undefined {
  return readFormatted(params, "caption");
}

/** As message content: entities appear only when there are some, as on Telegram. */
export function textContent({ text, entities }: FormattedText): { text: string; entities?: MessageEntity[] } {
  return { text, ...(entities.length > 0 && { entities }) };
}

export function captionContent(caption: FormattedText | undefined): { caption?: string; caption_entities?: MessageEntity[] } {
  if (!caption) return {};
  return { caption: caption.text, ...(caption.entities.length > 0 && { caption_entities: caption.entities }) };
}

/**
 * A text or caption with its entities, from `parse_mode` markup or an
 * explicit entities array, checked against Telegram's limits. Only the HTML
 * parse mode is emulated. Blank gives undefined.
 */
function readFormatted(params: Params, field: keyof typeof FIELDS): FormattedText | undefined {
  const { entities: entitiesField, limit, tooLong } = FIELDS[field];
  const raw = params.optionalString(field) ?? "";
  const parseMode = params.optionalString("parse_mode") ?? "";
  let formatted: FormattedText;
  if (parseMode.toLowerCase() === "html") {
    try {
      formatted = parseHtml(raw);
    } catch (error) {
      if (error instanceof HtmlParseError) throw badRequest(`can't parse entities: ${error.message}`);
      throw error;
    }
  } else if (parseMode !== "") {
    throw badRequest("unsupported parse_mode");
  } else {
    const entities = params.json(entitiesField) ?? [];
    if (!Array.isArray(entities) || !entities.every(isEntity)) throw badRequest(`can't parse ${entitiesField} JSON object`);
    formatted = { text: raw, entities };
  }
  if (formatted.text.trim() === "") return undefined;
  if (formatted.text.length > limit) throw badRequest(tooLong);
  return formatted;
}
