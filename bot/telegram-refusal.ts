import type { GrammyError } from "grammy";

/**
 * Telegram's reason for refusing a call, fit for logs and the outbox: what it quotes ("Unsupported
 * start tag "name@mail.kz"", a mismatched end tag) is a piece of the text that was sent, so the
 * quotes are kept and their content is not.
 */
export function refusalDescription(error: GrammyError): string {
  return error.description.replace(/"[^"]*"/g, '"…"');
}
