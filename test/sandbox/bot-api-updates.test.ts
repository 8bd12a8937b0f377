import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChatView } from "../../sandbox/emulator/index.js";
import { badRequest, CITIZEN, OTHER_CITIZEN, startSandbox, TOKEN } from "./harness.js";
import type { RunningSandbox } from "./harness.js";

let sandbox: RunningSandbox;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

type Update = { update_id: number; message?: Record<string, unknown>; callback_query?: Record<string, unknown> };

const userSays = (text: string, userId = CITIZEN) => sandbox.tester<{ message_id: number; update_id: number }>(`users/${userId}/messages`, { json: { text } });

async function updates(params: Record<string, unknown> = {}): Promise<Update[]> {
  const reply = await sandbox.call("getUpdates", params);
  expect(reply.body.ok).toBe(true);
  return reply.body.result as Update[];
}

async function waitForCall(method: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { calls } = await sandbox.tester<{ calls: unknown[] }>(`calls?method=${method}`);
    if (calls.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no ${method} call finished within ${timeoutMs} ms`);
}

describe("getUpdates", () => {
  it("delivers user messages as updates until an offset confirms them", async () => {
    await userSays("/start");
    await userSays("Сәлем", OTHER_CITIZEN);
    const first = await updates();
    expect(first).toHaveLength(2);
    expect(first[0]).toEqual({
      update_id: 1,
      message: {
        message_id: 1,
        from: { id: CITIZEN, is_bot: false, first_name: "Айгерім", last_name: "Серікқызы", username: "demo_aigerim", language_code: "kk" },
        chat: { id: CITIZEN, type: "private", first_name: "Айгерім", last_name: "Серікқызы", username: "demo_aigerim" },
        date: expect.any(Number),
        text: "/start",
        entities: [{ type: "bot_command", offset: 0, length: 6 }],
      },
    });
    expect(await updates({ limit: 1 })).toHaveLength(1);
    expect(await updates({ offset: 2 })).toEqual([first[1]]);
    expect(await updates({ offset: 3 })).toEqual([]);
  });

  it("holds a long poll open until an update arrives", async () => {
    const started = Date.now();
    const poll = updates({ timeout: 10 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await userSays("hello");
    expect((await poll).map((u) => u.message?.text)).toEqual(["hello"]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("returns an empty list when the timeout passes", async () => {
    const started = Date.now();
    expect(await updates({ timeout: 1 })).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("ends a long poll as soon as the client aborts it", async () => {
    const abort = new AbortController();
    const poll = fetch(`${sandbox.apiRoot}/bot${TOKEN}/getUpdates`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ timeout: 30 }),
      signal: abort.signal,
    }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    abort.abort();
    await poll;
    // The call is logged when the handler returns, so this shows the server let go.
    await waitForCall("getUpdates", 1000);
  });

  it("terminates the older of two concurrent polls with 409 Conflict", async () => {
    const older = sandbox.call("getUpdates", { timeout: 10 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const newer = sandbox.call("getUpdates", { timeout: 0 });
    expect(await older).toEqual({
      status: 409,
      body: { ok: false, error_code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running" },
    });
    expect((await newer).body).toEqual({ ok: true, result: [] });
  });

  it("drops pending updates on deleteWebhook with drop_pending_updates", async () => {
    await userSays("one");
    expect((await sandbox.call("deleteWebhook", {})).body).toEqual({ ok: true, result: true });
    expect(await updates()).toHaveLength(1);
    await sandbox.call("deleteWebhook", { drop_pending_updates: true });
    expect(await updates()).toEqual([]);
  });
});

describe("callback queries", () => {
  async function pressOnBotMessage(data: string): Promise<{ callback_query_id: string; message_id: number }> {
    const sent = await sandbox.call("sendMessage", { chat_id: CITIZEN, text: "Choose", reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] } });
    const { message_id } = sent.body.result as { message_id: number };
    const pressed = await sandbox.tester<{ callback_query_id: string }>(`users/${CITIZEN}/callbacks`, { json: { message_id, data } });
    return { ...pressed, message_id };
  }

  it("delivers a press with the message as it is now, even with forged data", async () => {
    const { callback_query_id, message_id } = await pressOnBotMessage("forged:99");
    const [update] = await updates();
    expect(update?.callback_query).toEqual({
      id: callback_query_id,
      from: expect.objectContaining({ id: CITIZEN, is_bot: false }),
      message: expect.objectContaining({ message_id, text: "Choose", reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] } }),
      chat_instance: expect.any(String),
      data: "forged:99",
    });
  });

  it("answers once, showing the text as a toast", async () => {
    const { callback_query_id, message_id } = await pressOnBotMessage("a");
    const answer = { callback_query_id, text: "Қабылданды", show_alert: true };
    expect((await sandbox.call("answerCallbackQuery", answer)).body).toEqual({ ok: true, result: true });
    const view = await sandbox.tester<ChatView>(`users/${CITIZEN}/chat`);
    expect(view.toasts).toEqual([{ text: "Қабылданды", show_alert: true, message_id, seq: expect.any(Number) }]);
    const expired = badRequest("query is too old and response timeout expired or query ID is invalid");
    expect(await sandbox.call("answerCallbackQuery", answer)).toEqual(expired);
    expect(await sandbox.call("answerCallbackQuery", { callback_query_id: "12345" })).toEqual(expired);
  });
});

describe("commands and menu button", () => {
  const commands = (name: string) => [{ command: name, description: `${name} command` }];
  const visible = async (userId: number) =>
    (await sandbox.tester<{ commands: { command: string }[] }>(`users/${userId}/commands`)).commands.map((c) => c.command);

  it("stores commands per scope and language and resolves them as Telegram does", async () => {
    await sandbox.call("setMyCommands", { commands: commands("default") });
    expect(await visible(CITIZEN)).toEqual(["default"]);
    await sandbox.call("setMyCommands", { commands: commands("default_kk"), language_code: "kk" });
    await sandbox.call("setMyCommands", { commands: commands("private"), scope: { type: "all_private_chats" } });
    expect(await visible(CITIZEN)).toEqual(["private"]);
    await sandbox.call("setMyCommands", { commands: commands("private_kk"), scope: { type: "all_private_chats" }, language_code: "kk" });
    expect(await visible(CITIZEN)).toEqual(["private_kk"]);
    expect(await visible(OTHER_CITIZEN)).toEqual(["private"]);
    await sandbox.call("setMyCommands", { commands: commands("mine"), scope: { type: "chat", chat_id: CITIZEN } });
    expect(await visible(CITIZEN)).toEqual(["mine"]);
    await sandbox.call("setMyCommands", { commands: commands("mine_kk"), scope: { type: "chat", chat_id: CITIZEN }, language_code: "kk" });
    expect(await visible(CITIZEN)).toEqual(["mine_kk"]);

    expect((await sandbox.call("getMyCommands", { language_code: "kk" })).body.result).toEqual(commands("default_kk"));
    expect((await sandbox.call("getMyCommands", { scope: { type: "chat", chat_id: CITIZEN } })).body.result).toEqual(commands("mine"));
    await sandbox.call("deleteMyCommands", { scope: { type: "chat", chat_id: CITIZEN }, language_code: "kk" });
    await sandbox.call("deleteMyCommands", { scope: { type: "chat", chat_id: CITIZEN } });
    expect(await visible(CITIZEN)).toEqual(["private_kk"]);
    expect((await sandbox.call("getMyCommands", { scope: { type: "chat", chat_id: CITIZEN } })).body.result).toEqual([]);
  });

  it("rejects invalid commands and unknown chats", async () => {
    expect(await sandbox.call("setMyCommands", { commands: [{ command: "Start", description: "x" }] })).toEqual(badRequest("BOT_COMMAND_INVALID"));
    expect(await sandbox.call("setMyCommands", { commands: [{ command: "start", description: "" }] })).toEqual(badRequest("BOT_COMMAND_DESCRIPTION_INVALID"));
    expect(await sandbox.call("setMyCommands", { commands: commands("x"), scope: { type: "chat", chat_id: 1 } })).toEqual(badRequest("chat not found"));
  });

  it("keeps the menu button per chat with a default", async () => {
    await sandbox.call("setChatMenuButton", { menu_button: { type: "commands" } });
    await sandbox.call("setChatMenuButton", { chat_id: CITIZEN, menu_button: { type: "web_app", text: "Open", web_app: { url: "https://example.kz" } } });
    expect((await sandbox.call("getChatMenuButton", { chat_id: CITIZEN })).body.result).toMatchObject({ type: "web_app" });
    expect((await sandbox.call("getChatMenuButton", { chat_id: OTHER_CITIZEN })).body.result).toEqual({ type: "commands" });
    expect((await sandbox.tester<ChatView>(`users/${CITIZEN}/chat`)).menu_button).toMatchObject({ type: "web_app" });
  });
});

describe("call log", () => {
  it("lists calls by method with their outcome, and resets", async () => {
    await sandbox.call("sendMessage", { chat_id: CITIZEN, text: "ok" });
    await sandbox.call("sendMessage", { chat_id: 1, text: "lost" });
    await sandbox.call("getMe");
    const { calls } = await sandbox.tester<{ calls: Record<string, unknown>[] }>("calls?method=sendMessage");
    expect(calls).toEqual([
      { at: expect.any(String), method: "sendMessage", params: { chat_id: CITIZEN, text: "ok" }, ok: true },
      { at: expect.any(String), method: "sendMessage", params: { chat_id: 1, text: "lost" }, ok: false, error_code: 400, description: "Bad Request: chat not found" },
    ]);
    await sandbox.tester("calls", { method: "DELETE" });
    expect((await sandbox.tester<{ calls: unknown[] }>("calls")).calls).toEqual([]);
  });
});
