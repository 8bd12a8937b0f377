import { labels } from "../../locales/index.js";
import type { DomainError } from "../../core/shared/errors.js";

/** Operators read English, from the same locale texts the bot shows, as plain text. */
export function explain(error: DomainError): string {
  return labels("en")(`errors.${error.code}`, error.params).replace(/\.$/, "");
}
