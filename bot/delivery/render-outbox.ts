import type { OutboxPayload } from "../../core/outbox/delivery.js";
import type { Language } from "../../core/shared/roles.js";
import { joinHtml, type Html } from "../../locales/html.js";
import { translator } from "../../locales/index.js";
import { splitMessage } from "./split-message.js";

/** An outbox row's text in its language: the message and its further paragraphs, in parts that fit Telegram. */
export function renderOutbox(payload: OutboxPayload, language: Language): Html[] {
  const t = translator(language);
  return splitMessage(joinHtml([payload, ...(payload.parts ?? [])].map((part) => t(part.key, part.params)), "\n\n"));
}
