import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CITIZEN, OTHER_CITIZEN, startSandbox, type RunningSandbox } from "./harness.js";

let sandbox: RunningSandbox;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(() => sandbox.close());

const say = (chat_id: number, text = "Сәлем") => sandbox.call("sendMessage", { chat_id, text });
const botMessages = (chatId: number) => sandbox.state.chat(chatId)!.messages.filter((m) => m.sender === "bot");

describe("faults a test can ask of the emulated Telegram", () => {
  it("answers for one chat that the bot was blocked, while others are written to", async () => {
    sandbox.faults.inject({ fault: { kind: "blocked" }, chatId: CITIZEN });
    expect((await say(CITIZEN)).body).toEqual({ ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" });
    expect((await say(OTHER_CITIZEN)).body.ok).toBe(true);
    expect(botMessages(CITIZEN)).toHaveLength(0);
  });

  it("answers a deleted account and a vanished chat as Telegram words them", async () => {
    sandbox.faults.inject({ fault: { kind: "deactivated" }, chatId: CITIZEN });
    sandbox.faults.inject({ fault: { kind: "chat_not_found" }, chatId: OTHER_CITIZEN });
    expect((await say(CITIZEN)).body).toMatchObject({ error_code: 403, description: "Forbidden: user is deactivated" });
    expect((await say(OTHER_CITIZEN)).body).toMatchObject({ error_code: 400, description: "Bad Request: chat not found" });
  });

  it("answers 429 with retry_after, and 500, only as many times as asked", async () => {
    sandbox.faults.inject({ fault: { kind: "too_many_requests", retryAfter: 7 }, times: 1 });
    sandbox.faults.inject({ fault: { kind: "server_error" }, times: 1 });
    const flood = await say(CITIZEN);
    expect(flood.status).toBe(429);
    expect(flood.body).toEqual({ ok: false, error_code: 429, description: "Too Many Requests: retry after 7", parameters: { retry_after: 7 } });
    expect((await say(CITIZEN)).body).toMatchObject({ error_code: 500 });
    expect((await say(CITIZEN)).body.ok).toBe(true);
    expect(botMessages(CITIZEN)).toHaveLength(1);
  });

  it("leaves calls that send nothing alone", async () => {
    sandbox.faults.inject({ fault: { kind: "server_error" } });
    expect((await sandbox.call("getMe")).body.ok).toBe(true);
  });

  it("holds a call and then drops it, or delivers it although the caller has gone", async () => {
    sandbox.faults.inject({ fault: { kind: "hang", ms: 50 }, chatId: CITIZEN, times: 1 });
    sandbox.faults.inject({ fault: { kind: "hang", ms: 50, thenDeliver: true }, chatId: OTHER_CITIZEN, times: 1 });
    expect((await say(CITIZEN)).body).toMatchObject({ ok: false, error_code: 504 });
    expect(botMessages(CITIZEN)).toHaveLength(0);
    expect((await say(OTHER_CITIZEN)).body.ok).toBe(true);
    expect(botMessages(OTHER_CITIZEN)).toHaveLength(1);
  });

  it("refuses and counts sends over the bot-wide cap and over a chat's cap, as Telegram's 429", async () => {
    sandbox.faults.setCaps({ perSecond: 2, chatPerSecond: 1 });
    const [first, second] = await Promise.all([say(CITIZEN), say(CITIZEN)]);
    expect([first!.status, second!.status].sort()).toEqual([200, 429]);
    expect(sandbox.faults.overCap).toEqual({ global: 0, chat: 1 });
    const [third, fourth] = await Promise.all([say(OTHER_CITIZEN), say(OTHER_CITIZEN + 1)]);
    expect([third!.status, fourth!.status]).toContain(429);
    expect(sandbox.faults.overCap.global).toBeGreaterThanOrEqual(1);
    expect(sandbox.faults.accepted.count).toBe(2);
  });
});
