import type { OutboxPayload } from "../../core/outbox/delivery.js";
import type { Language } from "../../core/shared/roles.js";
import { translator } from "../i18n.js";
import { splitMessage } from "./split-message.js";

/** An outbox row's text in its language: the message and its further paragraphs, in parts that fit Telegram. */
export function renderOutbox(payload: OutboxPayload, language: Language): string[] {
  const t = translator(language);
  return splitMessage([payload, ...(payload.parts ?? [])].map((part) => t(part.key, part.params)).join("\n\n"));
}
