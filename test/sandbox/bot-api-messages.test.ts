import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChatView } from "../../sandbox/emulator/index.js";
import { badRequest, BOT, CITIZEN, startSandbox, TOKEN } from "./harness.js";
import type { RunningSandbox } from "./harness.js";

let sandbox: RunningSandbox;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

async function send(params: Record<string, unknown>): Promise<{ message_id: number; [key: string]: unknown }> {
  const reply = await sandbox.call("sendMessage", { chat_id: CITIZEN, ...params });
  expect(reply.body).toMatchObject({ ok: true });
  return reply.body.result as { message_id: number };
}

/** `count` callback buttons, two to a row, as a long list would make them. */
const buttons = (count: number) =>
  Array.from({ length: Math.ceil(count / 2) }, (_, row) => Array.from({ length: Math.min(2, count - row * 2) }, (_, i) => ({ text: `${row * 2 + i}`, callback_data: `b:${row * 2 + i}` })));

const chat = (userId = CITIZEN) => sandbox.tester<ChatView>(`users/${userId}/chat`);

describe("routing and authorization", () => {
  it("answers getMe with the bot user, every capability grammY reads present", async () => {
    const reply = await sandbox.call("getMe");
    expect(reply).toMatchObject({ status: 200, body: { ok: true, result: { id: BOT.id, is_bot: true, first_name: BOT.first_name, username: BOT.username } } });
    const capabilities = Object.entries((reply.body as { result: Record<string, unknown> }).result).filter(([key]) => /^(can|supports|has|allows)_/.test(key));
    expect(capabilities.length).toBeGreaterThanOrEqual(9);
    expect(capabilities.every(([, value]) => value === false)).toBe(true);
  });

  it("rejects a wrong token with 401 Unauthorized", async () => {
    expect(await sandbox.call("getMe", {}, "123456:wrong")).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: "Unauthorized" },
    });
  });

  it("answers an unknown method with 404 Not Found", async () => {
    expect(await sandbox.call("sendHologram", { chat_id: CITIZEN })).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: "Not Found" },
    });
  });

  it("accepts GET with query parameters and form-encoded POST bodies", async () => {
    const viaGet = await fetch(`${sandbox.baseUrl}/bot${TOKEN}/sendMessage?chat_id=${CITIZEN}&text=${encodeURIComponent("Сәлем")}`);
    expect(await viaGet.json()).toMatchObject({ ok: true, result: { text: "Сәлем", chat: { id: CITIZEN } } });
    const viaForm = await fetch(`${sandbox.baseUrl}/bot${TOKEN}/sendMessage`, {
      method: "POST",
      body: new URLSearchParams({ chat_id: String(CITIZEN), text: "<b>x</b>", parse_mode: "HTML" }),
    });
    expect(await viaForm.json()).toMatchObject({ ok: true, result: { text: "x", entities: [{ type: "bold", offset: 0, length: 1 }] } });
  });
});

describe("sendMessage", () => {
  it("returns a Telegram message from the bot, numbering messages per chat", async () => {
    const first = await send({ text: "<b>Өтініш</b> қабылданды", parse_mode: "HTML", reply_markup: { inline_keyboard: [[{ text: "Ашу", callback_data: "open:1" }]] } });
    expect(first).toMatchObject({
      message_id: 1,
      from: { id: BOT.id, is_bot: true, username: BOT.username },
      chat: { id: CITIZEN, type: "private", first_name: "Айгерім" },
      text: "Өтініш қабылданды",
      entities: [{ type: "bold", offset: 0, length: 6 }],
      reply_markup: { inline_keyboard: [[{ text: "Ашу", callback_data: "open:1" }]] },
    });
    expect(typeof first.date).toBe("number");
    expect((await send({ text: "second" })).message_id).toBe(2);
    expect((await sandbox.call("sendMessage", { chat_id: 900002, text: "other chat" })).body.result).toMatchObject({ message_id: 1 });
  });

  it("omits entities and reply_markup when there are none", async () => {
    const message = await send({ text: "plain", reply_markup: { inline_keyboard: [] } });
    expect(message).not.toHaveProperty("entities");
    expect(message).not.toHaveProperty("reply_markup");
  });

  it.each([
    [{ chat_id: 42, text: "hi" }, "chat not found"],
    [{ chat_id: "@otinish", text: "hi" }, "chat not found"],
    [{ text: "hi" }, "chat_id is required"],
    [{ chat_id: CITIZEN }, "message text is empty"],
    [{ chat_id: CITIZEN, text: "  " }, "message text is empty"],
    [{ chat_id: CITIZEN, text: "<b></b>", parse_mode: "HTML" }, "message text is empty"],
    [{ chat_id: CITIZEN, text: "x".repeat(4097) }, "message is too long"],
    [{ chat_id: CITIZEN, text: "Name: Tom & Jerry", parse_mode: "HTML" }, "can't parse entities: Character '&' at byte offset 10 does not start a supported HTML entity; escape it as \"&amp;\""],
    [{ chat_id: CITIZEN, text: "Мекенжай: <көше>", parse_mode: "HTML" }, 'can\'t parse entities: Unsupported start tag "көше" at byte offset 18'],
    [{ chat_id: CITIZEN, text: "<b>unclosed", parse_mode: "HTML" }, 'can\'t parse entities: Can\'t find end tag corresponding to start tag "b"'],
    [{ chat_id: CITIZEN, text: "Жауап: &nbsp;", parse_mode: "HTML" }, "can't parse entities: Character '&' at byte offset 12 does not start a supported HTML entity; escape it as \"&amp;\""],
    [{ chat_id: CITIZEN, text: "<i>a</b>", parse_mode: "HTML" }, 'can\'t parse entities: Unmatched end tag at byte offset 4, expected "</i>", found "</b>"'],
    [{ chat_id: CITIZEN, text: "*bold*", parse_mode: "MarkdownV2" }, "unsupported parse_mode"],
    [{ chat_id: CITIZEN, text: "x", reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "d".repeat(65) }]] } }, "BUTTON_DATA_INVALID"],
    [{ chat_id: CITIZEN, text: "x", reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "ж".repeat(33) }]] } }, "BUTTON_DATA_INVALID"],
    [{ chat_id: CITIZEN, text: "x", reply_markup: { inline_keyboard: [[{ text: "A" }]] } }, "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"],
    [{ chat_id: CITIZEN, text: "x", reply_markup: { inline_keyboard: buttons(101) } }, "BUTTONS_TOO_MUCH"],
    [{ chat_id: CITIZEN, text: "x", reply_markup: { inline_keyboard: [[{ text: "A", url: "javascript:alert(1)" }]] } }, "BUTTON_URL_INVALID"],
  ])("rejects %j with %j", async (params, description) => {
    expect(await sandbox.call("sendMessage", params)).toEqual(badRequest(description));
  });

  it("takes up to 100 inline buttons, and refuses an edit that would show more", async () => {
    const sent = await send({ text: "x", reply_markup: { inline_keyboard: buttons(100) } });
    const edit = { chat_id: CITIZEN, message_id: sent.message_id, text: "y", reply_markup: { inline_keyboard: buttons(101) } };
    expect(await sandbox.call("editMessageText", edit)).toEqual(badRequest("BUTTONS_TOO_MUCH"));
  });

  it("measures the length after entity parsing", async () => {
    const text = `<b>${"x".repeat(4096)}</b>`;
    expect((await sandbox.call("sendMessage", { chat_id: CITIZEN, text, parse_mode: "HTML" })).body.ok).toBe(true);
  });

  it("accepts 64 bytes of callback_data", async () => {
    const reply = await sandbox.call("sendMessage", { chat_id: CITIZEN, text: "x", reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "ж".repeat(32) }]] } });
    expect(reply.body.ok).toBe(true);
  });
});

describe("reply keyboards", () => {
  const keyboard = { keyboard: [[{ text: "Share phone", request_contact: true }], ["Cancel"]], one_time_keyboard: true, resize_keyboard: true };

  it("shows a keyboard on the chat until remove_keyboard", async () => {
    await send({ text: "Your phone?", reply_markup: keyboard });
    expect((await chat()).reply_keyboard).toEqual({
      keyboard: [[{ text: "Share phone", request_contact: true }], [{ text: "Cancel" }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    });
    await send({ text: "Thanks", reply_markup: { remove_keyboard: true } });
    expect((await chat()).reply_keyboard).toBeNull();
  });

  it("hides a one-time keyboard after a button press, not after typed text", async () => {
    await send({ text: "Your phone?", reply_markup: keyboard });
    await sandbox.tester(`users/${CITIZEN}/messages`, { json: { text: "something else" } });
    expect((await chat()).reply_keyboard).not.toBeNull();
    await sandbox.tester(`users/${CITIZEN}/messages`, { json: { contact: { phone_number: "+77011234567", user_id: CITIZEN } } });
    expect((await chat()).reply_keyboard).toBeNull();
  });

  it("ignores force_reply", async () => {
    expect((await sandbox.call("sendMessage", { chat_id: CITIZEN, text: "Reason?", reply_markup: { force_reply: true } })).body.ok).toBe(true);
  });
});

describe("editing and deleting", () => {
  const keyboard = { inline_keyboard: [[{ text: "Yes", callback_data: "yes" }]] };

  it("edits text, marks the message edited and drops the keyboard unless passed again", async () => {
    const { message_id } = await send({ text: "Draft", reply_markup: keyboard });
    const edited = await sandbox.call("editMessageText", { chat_id: CITIZEN, message_id, text: "<i>Final</i>", parse_mode: "HTML" });
    expect(edited.body.result).toMatchObject({ message_id, text: "Final", entities: [{ type: "italic", offset: 0, length: 5 }] });
    expect(edited.body.result).toHaveProperty("edit_date");
    expect(edited.body.result).not.toHaveProperty("reply_markup");
    const view = await chat();
    expect(view.messages[0]).toMatchObject({ text: "Final", edited: true, inline_keyboard: null });
  });

  it("refuses an edit whose markup Telegram cannot parse, and keeps the message as it was", async () => {
    const { message_id } = await send({ text: "Draft" });
    const edit = { chat_id: CITIZEN, message_id, text: "Жауап: <Айгерім & Co>", parse_mode: "HTML" };
    expect(await sandbox.call("editMessageText", edit)).toEqual(badRequest('can\'t parse entities: Unsupported start tag "Айгерім" at byte offset 12'));
    expect((await chat()).messages[0]).toMatchObject({ text: "Draft", edited: false });
  });

  it("refuses an edit that changes nothing", async () => {
    const { message_id } = await send({ text: "<b>Same</b>", parse_mode: "HTML", reply_markup: keyboard });
    const same = { chat_id: CITIZEN, message_id, text: "<b>Same</b>", parse_mode: "HTML", reply_markup: keyboard };
    expect(await sandbox.call("editMessageText", same)).toEqual(badRequest(NOT_MODIFIED));
    expect((await sandbox.call("editMessageText", { ...same, text: "Same" })).body.ok).toBe(true);
  });

  it("edits only the keyboard, and refuses the same keyboard", async () => {
    const { message_id } = await send({ text: "Choose", reply_markup: keyboard });
    expect(await sandbox.call("editMessageReplyMarkup", { chat_id: CITIZEN, message_id, reply_markup: keyboard })).toEqual(badRequest(NOT_MODIFIED));
    const cleared = await sandbox.call("editMessageReplyMarkup", { chat_id: CITIZEN, message_id });
    expect(cleared.body.result).toMatchObject({ message_id, text: "Choose" });
    expect(cleared.body.result).not.toHaveProperty("reply_markup");
    expect(await sandbox.call("editMessageReplyMarkup", { chat_id: CITIZEN, message_id })).toEqual(badRequest(NOT_MODIFIED));
  });

  it("reports edits of missing messages, user messages and messages without text", async () => {
    expect(await sandbox.call("editMessageText", { chat_id: CITIZEN, message_id: 99, text: "x" })).toEqual(badRequest("message to edit not found"));
    expect(await sandbox.call("editMessageReplyMarkup", { chat_id: CITIZEN, message_id: 99 })).toEqual(badRequest("message to edit not found"));
    const fromUser = await sandbox.tester<{ message_id: number; file_id: string }>(`users/${CITIZEN}/messages`, {
      json: { document: { file_name: "a.pdf", file_size: 10 } },
    });
    expect(await sandbox.call("editMessageText", { chat_id: CITIZEN, message_id: fromUser.message_id, text: "x" })).toEqual(badRequest("message can't be edited"));
    const sent = await sandbox.call("sendDocument", { chat_id: CITIZEN, document: fromUser.file_id });
    const { message_id } = sent.body.result as { message_id: number };
    expect(await sandbox.call("editMessageText", { chat_id: CITIZEN, message_id, text: "x" })).toEqual(badRequest("there is no text in the message to edit"));
  });

  it("deletes once, then reports the message missing, also to edits", async () => {
    const { message_id } = await send({ text: "Temporary" });
    expect(await sandbox.call("deleteMessage", { chat_id: CITIZEN, message_id })).toEqual({ status: 200, body: { ok: true, result: true } });
    expect((await chat()).messages[0]).toMatchObject({ message_id, deleted: true });
    expect(await sandbox.call("deleteMessage", { chat_id: CITIZEN, message_id })).toEqual(badRequest("message to delete not found"));
    expect(await sandbox.call("editMessageText", { chat_id: CITIZEN, message_id, text: "x" })).toEqual(badRequest("message to edit not found"));
  });
});

describe("sendChatAction", () => {
  it("accepts an action for a known chat only", async () => {
    expect((await sandbox.call("sendChatAction", { chat_id: CITIZEN, action: "typing" })).body).toEqual({ ok: true, result: true });
    expect(await sandbox.call("sendChatAction", { chat_id: 5, action: "typing" })).toEqual(badRequest("chat not found"));
  });
});
