import { pino, type DestinationStream, type Logger } from "pino";

/**
 * JSON logs that carry ids, never personal data (DESIGN §8a): anything that may hold an IIN,
 * a phone or a person's text is censored wherever it appears in a logged object.
 */
const PERSONAL = ["iin", "bin", "phone", "phone_number", "text", "caption", "fullName", "first_name", "last_name", "username", "organization"];
/** pino's redaction matches fixed depths; four cover an update's message.contact.phone_number. */
const REDACT = [0, 1, 2, 3].flatMap((depth) => PERSONAL.map((field) => `${"*.".repeat(depth)}${field}`));

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACT, censor: "[redacted]" }, base: { app: "otinish" } };
  return destination ? pino(options, destination) : pino(options);
}
