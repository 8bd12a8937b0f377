import { translator } from "../../bot/i18n.js";
import type { DomainError } from "../../core/shared/errors.js";

/** Operators read English, from the same locale texts the bot shows, as plain text. */
export function explain(error: DomainError): string {
  return translator("en")(`errors.${error.code}`, { ...error.params, interpolation: { escapeValue: false } }).replace(/\.$/, "");
}
