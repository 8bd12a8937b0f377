import { Api, GrammyError } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { classifySendFailure } from "../../bot/delivery/send-failure.js";
import { createLogger } from "../../bot/logger.js";
import { CITIZEN, startSandbox, TOKEN, type RunningSandbox } from "../sandbox/harness.js";

let sandbox: RunningSandbox;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

/** Text Telegram refuses, with personal data in the very part its reason quotes. */
const REFUSED = "Шағым: Серікқызы Айгерім, 870615400228, жауапты <aigerim.s@mail.kz> мекенжайына жіберіңіз </Абай 10>";
const SECRETS = ["Серікқызы", "Айгерім", "870615400228", "aigerim.s@mail.kz", "Абай 10", "Шағым"];

async function refusal(): Promise<GrammyError> {
  const api = new Api(TOKEN, { apiRoot: sandbox.apiRoot });
  const error = await api.sendMessage(CITIZEN, REFUSED, { parse_mode: "HTML" }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GrammyError)) throw new Error(`expected Telegram to refuse, got ${String(error)}`);
  return error;
}

describe("a message Telegram refuses", () => {
  it("is logged with the method and Telegram's reason, and no part of its text", async () => {
    const error = await refusal();
    // Telegram's own reason quotes the text: that is what must not reach the log.
    expect(error.description).toContain("aigerim.s@mail.kz");
    const lines: string[] = [];
    const log = createLogger("info", { write: (line: string) => void lines.push(line) });
    log.error({ err: error, update: 7 }, "update failed");
    const failure = classifySendFailure(error);
    log.warn({ outbox: 3, kind: failure.kind, error: failure.error }, "outbox send failed");
    const out = lines.join("");
    expect(out).toContain('"method":"sendMessage"');
    expect(out).toContain("Bad Request: can't parse entities: Unsupported start tag \\\"…\\\" at byte offset");
    expect(failure).toMatchObject({ kind: "refused", error: expect.stringContaining("can't parse entities") as unknown });
    for (const secret of SECRETS) {
      expect(out).not.toContain(secret);
      expect(failure.error).not.toContain(secret);
    }
  });
});
