import type { DestinationStream } from "pino";
import { styleText } from "node:util";

type Style = Parameters<typeof styleText>[0];

const LEVELS: Record<number, [label: string, style: Style]> = {
  10: ["TRACE", "gray"],
  20: ["DEBUG", "gray"],
  30: ["INFO ", "green"],
  40: ["WARN ", "yellow"],
  50: ["ERROR", "red"],
  60: ["FATAL", "magenta"],
};
/** Fields every line has, or that the line shows in its own place. */
const SHOWN_APART = new Set(["level", "time", "msg", "app", "pid", "hostname", "err"]);

/**
 * One pino JSON line as a person reads it in a terminal: time, level, message, the other
 * fields as key=value, and an error's kind, message and first stack lines below. It formats
 * what pino wrote, so redaction has already happened.
 */
export function formatLine(json: string, color: boolean): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const paint = (style: Style, text: string) => (color ? styleText(style, text) : text);
  const [label, style] = LEVELS[Number(entry.level)] ?? [String(entry.level), "white"];
  const time = typeof entry.time === "number" ? new Date(entry.time).toTimeString().slice(0, 8) : "";
  const fields = Object.entries(entry)
    .filter(([key]) => !SHOWN_APART.has(key))
    .map(([key, value]) => `${paint("gray", `${key}=`)}${typeof value === "string" ? value : JSON.stringify(value)}`);
  const head = [paint("gray", time), paint(style, label), entry.msg ?? "", ...fields].filter((part) => part !== "").join(" ");
  return `${head}${formatError(entry.err)}\n`;
}

function formatError(err: unknown): string {
  if (typeof err !== "object" || err === null) return "";
  const { type, message, code, stack } = err as Record<string, unknown>;
  const title = `\n    ${String(type ?? "Error")}: ${String(message ?? "")}${code === undefined ? "" : ` (${String(code)})`}`;
  const lines = typeof stack === "string" && stack !== "" ? stack.split("\n").map((line) => `\n      ${line.trim()}`) : [];
  return title + lines.join("");
}

/** The sandbox's terminal: readable lines, coloured when it is a terminal and NO_COLOR is unset. */
export function readableLines(out: NodeJS.WriteStream = process.stdout): DestinationStream {
  const color = out.isTTY && !process.env.NO_COLOR;
  return { write: (line: string) => void out.write(formatLine(line, color)) };
}
