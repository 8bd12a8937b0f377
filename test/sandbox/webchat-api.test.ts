import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChatView } from "../../sandbox/emulator/index.js";
import { CITIZEN, startSandbox, TOKEN } from "./harness.js";
import type { RunningSandbox } from "./harness.js";

let sandbox: RunningSandbox;
beforeEach(async () => {
  sandbox = await startSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

const PNG_1X1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

async function testerRequest(path: string, init?: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${sandbox.baseUrl}/sandbox/api/${path}`, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const post = (path: string, json: unknown) =>
  testerRequest(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(json) });

async function upload(name: string, type: string, bytes: Uint8Array, caption?: string, fileName?: string) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type }), name);
  if (caption) form.append("caption", caption);
  if (fileName) form.append("file_name", fileName);
  return testerRequest(`users/${CITIZEN}/files`, { method: "POST", body: form });
}

async function lastUpdateMessage(): Promise<Record<string, unknown>> {
  const { body } = await sandbox.call("getUpdates");
  return (body.result as { message: Record<string, unknown> }[]).at(-1)?.message ?? {};
}

describe("demo users", () => {
  it("lists the demo personas with their roles, marked as demo", async () => {
    const { body } = await testerRequest("users");
    expect(body.demo).toBe(true);
    const users = body.users as { id: number; name: string; language_code: string; demoRole: string }[];
    expect(users.map((u) => u.demoRole)).toEqual(["citizen", "citizen", "registrar", "reviewer", "reception", "executor", "deputy", "head", "admin"]);
    expect(users[0]).toMatchObject({ id: 900001, name: "Айгерім Серікқызы", language_code: "kk" });
    expect(users[1]).toMatchObject({ id: 900002, name: "Иван Петров", language_code: "ru" });
  });

  it("refuses unknown users and malformed messages", async () => {
    expect((await post("users/1/messages", { text: "hi" })).status).toBe(404);
    expect(await post(`users/${CITIZEN}/messages`, { text: "" })).toMatchObject({ status: 400 });
    expect(await post(`users/${CITIZEN}/callbacks`, { message_id: 77, data: "x" })).toMatchObject({ status: 404 });
  });
});

describe("what a user can send", () => {
  it("sends text and keeps it in the chat history", async () => {
    const { body } = await post(`users/${CITIZEN}/messages`, { text: "Сәлеметсіз бе" });
    expect(body).toEqual({ message_id: 1, update_id: 1, seq: expect.any(Number) });
    const view = await sandbox.tester<ChatView>(`users/${CITIZEN}/chat`);
    expect(view.messages).toEqual([expect.objectContaining({ message_id: 1, from: "user", kind: "text", text: "Сәлеметсіз бе", deleted: false })]);
  });

  it("shares a contact, a location, a sticker and a voice note", async () => {
    await post(`users/${CITIZEN}/messages`, { contact: { phone_number: "+77011234567", user_id: CITIZEN } });
    expect(await lastUpdateMessage()).toMatchObject({ contact: { phone_number: "+77011234567", first_name: "Айгерім", user_id: CITIZEN } });
    await post(`users/${CITIZEN}/messages`, { location: { latitude: 51.17, longitude: 71.45 } });
    expect(await lastUpdateMessage()).toMatchObject({ location: { latitude: 51.17, longitude: 71.45 } });
    await post(`users/${CITIZEN}/messages`, { sticker: true });
    expect(await lastUpdateMessage()).toMatchObject({ sticker: { type: "regular", emoji: expect.any(String), file_id: expect.any(String) } });
    await post(`users/${CITIZEN}/messages`, { voice: true });
    expect(await lastUpdateMessage()).toMatchObject({ voice: { duration: expect.any(Number), mime_type: "audio/ogg" } });
  });

  it("uploads a document the bot can fetch and download", async () => {
    const bytes = Buffer.from("%PDF-1.4 арыз");
    const { body } = await upload("арыз.pdf", "application/pdf", bytes, "Менің арызым");
    const message = await lastUpdateMessage();
    expect(message).toMatchObject({
      caption: "Менің арызым",
      document: { file_id: body.file_id, file_name: "арыз.pdf", mime_type: "application/pdf", file_size: bytes.length },
    });
    const file = (await sandbox.call("getFile", { file_id: body.file_id })).body.result as { file_path: string; file_size: number };
    expect(file).toMatchObject({ file_id: body.file_id, file_size: bytes.length, file_path: expect.stringMatching(/^documents\/file_\d+\.pdf$/) });
    const download = await fetch(`${sandbox.apiRoot}/file/bot${TOKEN}/${file.file_path}`);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
    expect((await fetch(`${sandbox.apiRoot}/file/bot123:wrong/${file.file_path}`)).status).toBe(401);
  });

  it("sends a PNG as a photo with its dimensions, linked for the web chat", async () => {
    const { body } = await upload("scan.png", "image/png", PNG_1X1);
    expect(await lastUpdateMessage()).toMatchObject({
      photo: [{ file_id: body.file_id, width: 1, height: 1, file_size: PNG_1X1.length }],
    });
    const view = await sandbox.tester<ChatView>(`users/${CITIZEN}/chat`);
    const url = view.messages[0]?.photo?.url ?? "";
    const image = await fetch(`${sandbox.baseUrl}${url}`);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG_1X1);
  });

  it("declares a document whose size Telegram does not tell, which the bot may download however large", async () => {
    const size = 21 * 1024 * 1024;
    const { body } = await post(`users/${CITIZEN}/messages`, { document: { file_name: "big.pdf", mime_type: "application/pdf", file_size: size, size_unknown: true } });
    expect((await lastUpdateMessage()).document).not.toHaveProperty("file_size");
    const file = (await sandbox.call("getFile", { file_id: body.file_id })).body.result as { file_path: string };
    expect(file).not.toHaveProperty("file_size");
    const download = await fetch(`${sandbox.apiRoot}/file/bot${TOKEN}/${file.file_path}`);
    expect((await download.arrayBuffer()).byteLength).toBe(size);
  });

  it("uploads a document under the name given in a field, line breaks and all", async () => {
    await upload("a.pdf", "application/pdf", Buffer.from("%PDF-1.4"), undefined, "Акт\r\nсверки.pdf");
    expect(await lastUpdateMessage()).toMatchObject({ document: { file_name: "Акт\r\nсверки.pdf" } });
  });

  it("declares a large document without uploading it, which the bot may not download", async () => {
    const size = 21 * 1024 * 1024;
    const { body } = await post(`users/${CITIZEN}/messages`, { document: { file_name: "big.pdf", mime_type: "application/pdf", file_size: size } });
    expect(await lastUpdateMessage()).toMatchObject({ document: { file_name: "big.pdf", file_size: size } });
    expect(await sandbox.call("getFile", { file_id: body.file_id })).toEqual({
      status: 400,
      body: { ok: false, error_code: 400, description: "Bad Request: file is too big" },
    });
    expect(await sandbox.call("getFile", { file_id: "unknown" })).toEqual({
      status: 400,
      body: { ok: false, error_code: 400, description: "Bad Request: invalid file_id" },
    });
  });
});

describe("the chat view", () => {
  it("renders bot HTML from entities with the text escaped", async () => {
    await sandbox.call("sendMessage", { chat_id: CITIZEN, text: "<b>Арыз</b> &lt;script&gt;", parse_mode: "HTML" });
    const [message] = (await sandbox.tester<ChatView>(`users/${CITIZEN}/chat`)).messages;
    expect(message).toMatchObject({ from: "bot", text: "Арыз <script>", html: "<b>Арыз</b> &lt;script&gt;" });
  });

  it("long-polls until the chat changes after the given seq", async () => {
    const { seq } = await sandbox.tester<ChatView>(`users/${CITIZEN}/chat`);
    const started = Date.now();
    const waiting = sandbox.tester<ChatView>(`users/${CITIZEN}/chat?after=${seq}&wait=5000`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await sandbox.call("sendMessage", { chat_id: CITIZEN, text: "Жауап" });
    const view = await waiting;
    expect(view.messages.map((m) => m.text)).toEqual(["Жауап"]);
    expect(view.seq).toBeGreaterThan(seq);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("ignores changes in other chats while waiting", async () => {
    const started = Date.now();
    const waiting = sandbox.tester<ChatView>(`users/${CITIZEN}/chat?after=0&wait=500`);
    await sandbox.call("sendMessage", { chat_id: 900002, text: "not yours" });
    expect((await waiting).messages).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });

  it("lists only toasts newer than `after`", async () => {
    const sent = await sandbox.call("sendMessage", { chat_id: CITIZEN, text: "x", reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] } });
    const { message_id } = sent.body.result as { message_id: number };
    const first = (await post(`users/${CITIZEN}/callbacks`, { message_id, data: "a" })).body;
    await sandbox.call("answerCallbackQuery", { callback_query_id: first.callback_query_id, text: "first" });
    const { seq } = await sandbox.tester<ChatView>(`users/${CITIZEN}/chat`);
    const second = (await post(`users/${CITIZEN}/callbacks`, { message_id, data: "a" })).body;
    await sandbox.call("answerCallbackQuery", { callback_query_id: second.callback_query_id, text: "second" });
    expect((await sandbox.tester<ChatView>(`users/${CITIZEN}/chat?after=${seq}`)).toasts.map((t) => t.text)).toEqual(["second"]);
    expect((await sandbox.tester<ChatView>(`users/${CITIZEN}/chat`)).toasts.map((t) => t.text)).toEqual(["first", "second"]);
  });
});

describe("the web page", () => {
  it("serves the page, its script and its style", async () => {
    const page = await fetch(`${sandbox.baseUrl}/`);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain('id="demo-banner"');
    expect((await fetch(`${sandbox.baseUrl}/app.js`)).headers.get("content-type")).toContain("javascript");
    expect((await fetch(`${sandbox.baseUrl}/style.css`)).status).toBe(200);
  });
});
