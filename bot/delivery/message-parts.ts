import type { InlineKeyboard } from "grammy";
import type { OutboxPayload, OutboxRow } from "../../core/outbox/delivery.js";
import { LANGUAGES, type Language } from "../../core/shared/roles.js";
import type { Html } from "../../locales/html.js";
import { labels } from "../../locales/index.js";
import { outboxKeyboard } from "./outbox-keyboards.js";
import { renderOutbox } from "./render-outbox.js";

/**
 * One call to Telegram: a piece of the text (the last one with the message's buttons), a stored
 * file to attach, or the new text of an earlier message (`edit`: that message's outbox row).
 */
export type MessagePart = { text: Html; keyboard?: InlineKeyboard } | { fileId: number } | { edit: number; text: Html; keyboard?: InlineKeyboard };

/**
 * The calls one outbox message takes, in order: its text in the row's language, split to fit,
 * then its files. A resend after a crash skips the parts already confirmed, so the numbering
 * must not change between runs: it depends only on the row.
 */
export function messageParts(row: OutboxRow): MessagePart[] {
  const payload = row.payload as OutboxPayload;
  const language = (LANGUAGES as readonly string[]).includes(row.language) ? (row.language as Language) : "kk";
  const texts = renderOutbox(payload, language);
  // The buttons go under the last part, where the reader finishes.
  const keyboard = outboxKeyboard(labels(language), payload.keyboard);
  if (payload.edit !== undefined) return [{ edit: payload.edit, text: texts[0]!, ...(keyboard && { keyboard }) }];
  const parts: MessagePart[] = texts.map((text, index) => (index === texts.length - 1 && keyboard ? { text, keyboard } : { text }));
  return [...parts, ...payload.fileIds.map((fileId) => ({ fileId }))];
}
