import { GrammyError, HttpError } from "grammy";
import { pino, type DestinationStream, type Logger } from "pino";
import { refusalDescription } from "./telegram-refusal.js";

/**
 * JSON logs that carry ids, never personal data (DESIGN §8a): anything that may hold an IIN,
 * a phone or a person's text is censored wherever it appears in a logged object.
 */
const PERSONAL = ["iin", "bin", "phone", "phone_number", "text", "caption", "fullName", "first_name", "last_name", "username", "organization"];
/** pino's redaction matches fixed depths; four cover an update's message.contact.phone_number. */
const REDACT = [0, 1, 2, 3].flatMap((depth) => PERSONAL.map((field) => `${"*.".repeat(depth)}${field}`));

/**
 * Errors are logged by kind and place only: a failed query's message carries its bound values
 * ("params: …"), and a driver's `detail` quotes the row, so neither is kept. A Bot API error keeps
 * the method and Telegram's reason without what it quotes of the text; its payload (the message
 * itself) and a network error's inner error are never read.
 */
export function safeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  if (err instanceof GrammyError) {
    return { type: err.name, method: err.method, code: err.error_code, message: refusalDescription(err), stack: stackOf(err) };
  }
  if (err instanceof HttpError) return { type: err.name, message: err.message, stack: stackOf(err) };
  const cause = (err as { cause?: Record<string, unknown> }).cause ?? {};
  const code = (err as { code?: unknown }).code ?? cause.code;
  return {
    type: err.name,
    message: err.message.split(/\n\s*params:/)[0],
    ...(code !== undefined && { code }),
    ...(cause.constraint_name !== undefined && { constraint: cause.constraint_name }),
    ...(cause.table_name !== undefined && { table: cause.table_name }),
    stack: stackOf(err),
  };
}

const stackOf = (err: Error): string | undefined =>
  err.stack
    ?.split("\n")
    .filter((line) => line.trimStart().startsWith("at "))
    .slice(0, 5)
    .join("\n");

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: REDACT, censor: "[redacted]" },
    serializers: { err: safeError },
    base: { app: "otinish" },
  };
  return destination ? pino(options, destination) : pino(options);
}
