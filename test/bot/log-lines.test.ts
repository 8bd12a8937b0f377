import { describe, expect, it } from "vitest";
import { formatLine } from "../../bot/log-lines.js";
import { createLogger } from "../../bot/logger.js";

/** The sandbox's terminal: what pino writes, as readable lines. */
function logged(write: (log: ReturnType<typeof createLogger>) => void): string {
  const lines: string[] = [];
  write(createLogger("info", { write: (line: string) => void lines.push(formatLine(line, false)) }));
  return lines.join("");
}

describe("readable log lines in the sandbox", () => {
  it("show the time, the level, the message and the fields, one line each", () => {
    const out = logged((log) => log.info({ mode: "sandbox", port: 3000 }, "otinish is up"));
    expect(out).toMatch(/^\d{2}:\d{2}:\d{2} INFO {2}otinish is up mode=sandbox port=3000\n$/);
  });

  it("show an error's kind, message and where it happened, still without personal data", () => {
    const out = logged((log) => log.error({ err: new Error("Failed query: insert\nparams: 870615400228"), iin: "870615400228" }, "update failed"));
    expect(out).toMatch(/ERROR update failed iin=\[redacted\]\n {4}Error: Failed query: insert\n {6}at /);
    expect(out).not.toContain("870615400228");
  });
});
