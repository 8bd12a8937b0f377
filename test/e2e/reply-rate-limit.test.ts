import { like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "../../db/schema/index.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { shown } from "../support/texts.js";

const PATIENT = 976001;
const UNLUCKY = 976002;
const HAPLESS = 976003;

let h: Harness;
beforeAll(async () => {
  // Failed updates are tried again soon: the tries, not the pauses, are what is checked here.
  h = await startHarness([citizen(PATIENT, "ru"), citizen(UNLUCKY, "kk"), citizen(HAPLESS, "kk")], { env: { UPDATES_RETRY_SECONDS: "0.05" } });
});
afterAll(() => h.dispose());

const refusals = (chatId: number) => h.sandbox.state.calls.filter((c) => c.params.chat_id === chatId && c.error_code === 429).length;

describe(`replies when Telegram says "too many requests" on ${dbKind}`, () => {
  it("waits out a 429 and still gives the person the reply", async () => {
    h.sandbox.faults.inject({ fault: { kind: "too_many_requests", retryAfter: 1 }, chatId: PATIENT, method: "sendMessage", times: 1 });
    const person = h.user(PATIENT);
    await person.send("/help");
    await person.waitForBot(shown("ru", "help.text").slice(0, 40), 15_000);
    expect(refusals(PATIENT)).toBe(1);
    expect((await person.messages()).filter((m) => m.from === "bot" && m.text.includes(shown("ru", "errors.internal")))).toEqual([]);
  });

  it("hands a reply Telegram keeps refusing back to the inbox, which tries the update again, so the person gets the reply, once", async () => {
    // The reply is refused three times (the first call and two retries) twice over: two tries of the update.
    h.sandbox.faults.inject({ fault: { kind: "too_many_requests", retryAfter: 0 }, chatId: UNLUCKY, method: "sendMessage", times: 6 });
    const person = h.user(UNLUCKY);
    await person.send("/help");
    await person.waitForBot(shown("kk", "help.text").slice(0, 40), 30_000);
    expect(refusals(UNLUCKY)).toBe(6);
    const bot = (await person.messages()).filter((m) => m.from === "bot");
    expect(bot.map((m) => m.text.startsWith(shown("kk", "help.text").slice(0, 40)))).toEqual([true]);
  });

  it("tells a person once that something went wrong when every try is refused, through the outbox when Telegram refuses that too", async () => {
    h.sandbox.faults.inject({ fault: { kind: "too_many_requests", retryAfter: 0 }, chatId: HAPLESS, method: "sendMessage", times: 1000 });
    const person = h.user(HAPLESS);
    await person.send("/help");
    const queued = () => h.app().core.db.select().from(outbox).where(like(outbox.dedupeKey, `error_notice:${HAPLESS}:%`));
    await expect.poll(async () => (await queued()).length, { timeout: 60_000, interval: 500 }).toBe(1);
    h.sandbox.faults.clear();
    await person.waitForBot(shown("kk", "errors.internal"), 30_000);
    const bot = (await person.messages()).filter((m) => m.from === "bot");
    expect(bot.map((m) => m.text)).toEqual([shown("kk", "errors.internal")]);
  }, 120_000);
});
