import type { OutboxPayload, OutboxRow } from "../../core/outbox/delivery.js";
import { LANGUAGES, type Language } from "../../core/shared/roles.js";
import { translator } from "../i18n.js";
import { splitMessage } from "./split-message.js";

/** One call to Telegram: a piece of the text, or a stored file to attach. */
export type MessagePart = { text: string } | { fileId: number };

/**
 * The calls one outbox message takes, in order: its text in the row's language, split to fit,
 * then its files. A resend after a crash skips the parts already confirmed, so the numbering
 * must not change between runs: it depends only on the row.
 */
export function messageParts(row: OutboxRow): MessagePart[] {
  const payload = row.payload as OutboxPayload;
  const language = (LANGUAGES as readonly string[]).includes(row.language) ? (row.language as Language) : "kk";
  const texts = splitMessage(translator(language)(payload.key, payload.params)).map((text) => ({ text }));
  return [...texts, ...payload.fileIds.map((fileId) => ({ fileId }))];
}
