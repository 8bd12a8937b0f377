import { pino, type Logger } from "pino";

/**
 * JSON logs that carry ids, never personal data (DESIGN §8a): anything that may hold an IIN,
 * a phone or a person's text is censored wherever it appears in a logged object.
 */
const REDACT = [
  "iin", "bin", "phone", "phone_number", "text", "caption", "fullName", "first_name", "last_name", "username", "organization",
  "*.iin", "*.bin", "*.phone", "*.phone_number", "*.text", "*.caption", "*.fullName", "*.first_name", "*.last_name", "*.username", "*.organization",
  "*.*.text", "*.*.phone_number", "*.*.first_name", "*.*.last_name", "*.*.username",
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT, censor: "[redacted]" }, base: { app: "otinish" } });
}
