import { getEventListeners } from "node:events";
import { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import type { BotContext } from "../../bot/context.js";
import { haltable } from "../../bot/inbox/halt.js";

const BOT_INFO = { id: 1, is_bot: true, first_name: "Otinish", username: "otinish_test_bot" } as UserFromGetMe;

const warnings: Error[] = [];
const onWarning = (warning: Error) => void warnings.push(warning);
afterEach(() => {
  process.off("warning", onWarning);
  warnings.length = 0;
});

/** A bot whose Telegram answers only when told to, and otherwise hangs until its call is cut. */
function slowTelegram() {
  const bot = new Bot<BotContext>("1:test-token", { botInfo: BOT_INFO });
  const answers: (() => void)[] = [];
  bot.api.config.use((_prev, _method, _payload, signal) =>
    new Promise((resolve, reject) => {
      answers.push(() => resolve({ ok: true, result: true } as never));
      signal?.addEventListener("abort", () => reject(new Error("cut")));
    }),
  );
  const halt = haltable(bot);
  return { bot, halt, answerAll: () => answers.splice(0).forEach((answer) => answer()) };
}

describe("cutting the bot's Telegram calls at a stop", () => {
  it("carries a busy instance's calls without a leak warning, and leaves nothing behind once they end", async () => {
    process.on("warning", onWarning);
    const { bot, halt, answerAll } = slowTelegram();
    // Eight updates in hand, some sending two messages at once, and the long poll: more than ten calls.
    const calls = Array.from({ length: 16 }, (_, i) => bot.api.sendMessage(100 + i, "…"));
    answerAll();
    await Promise.all(calls);
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.map((w) => w.name)).toEqual([]);
    expect(getEventListeners(halt.signal, "abort")).toHaveLength(0);
  });

  it("cuts every call under way when the instance stops", async () => {
    const { bot, halt } = slowTelegram();
    const calls = Array.from({ length: 12 }, (_, i) => bot.api.sendMessage(200 + i, "…").then(() => "answered", () => "cut"));
    halt.abort();
    expect(await Promise.all(calls)).toEqual(Array(12).fill("cut"));
  });
});
