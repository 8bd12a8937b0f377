import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { classifySendFailure } from "../../bot/delivery/send-failure.js";

const telegram = (error_code: number, description: string, parameters = {}) =>
  new GrammyError(`Call to 'sendMessage' failed! (${error_code}: ${description})`, { ok: false, error_code, description, parameters }, "sendMessage", {});

describe("what a failed send means for the message", () => {
  it("takes a blocked bot, a deleted account and a missing chat as unreachable, each with its reason", () => {
    expect(classifySendFailure(telegram(403, "Forbidden: bot was blocked by the user"))).toMatchObject({ kind: "unreachable", reason: "blocked" });
    expect(classifySendFailure(telegram(403, "Forbidden: user is deactivated"))).toMatchObject({ kind: "unreachable", reason: "deactivated" });
    expect(classifySendFailure(telegram(400, "Bad Request: chat not found"))).toMatchObject({ kind: "unreachable", reason: "chat_not_found" });
  });

  it("tries again after a 429 when Telegram says, and after a 5xx, knowing the message did not go out", () => {
    expect(classifySendFailure(telegram(429, "Too Many Requests: retry after 40", { retry_after: 40 }))).toEqual({
      kind: "retry",
      error: "Too Many Requests: retry after 40",
      retryAfterSeconds: 40,
      outcomeUnknown: false,
    });
    expect(classifySendFailure(telegram(502, "Bad Gateway"))).toMatchObject({ kind: "retry", outcomeUnknown: false });
  });

  it("tries again after a network error or a timeout, not knowing whether the message arrived", () => {
    const timeout = new HttpError("Network request for 'sendMessage' failed!", new Error("Request timed out after 1000 ms"));
    expect(classifySendFailure(timeout)).toMatchObject({ kind: "retry", outcomeUnknown: true });
  });

  it("keeps messages waiting while the bot's token or server is wrong", () => {
    expect(classifySendFailure(telegram(401, "Unauthorized"))).toMatchObject({ kind: "retry", outcomeUnknown: false });
    expect(classifySendFailure(telegram(404, "Not Found"))).toMatchObject({ kind: "retry", outcomeUnknown: false });
  });

  it("gives up on a message Telegram refuses as malformed", () => {
    expect(classifySendFailure(telegram(400, "Bad Request: can't parse entities: Unsupported start tag"))).toMatchObject({ kind: "refused" });
  });
});
