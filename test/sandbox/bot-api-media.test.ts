import { Api, GrammyError, InputFile } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CITIZEN, startSandbox, TOKEN } from "./harness.js";
import type { RunningSandbox } from "./harness.js";

let sandbox: RunningSandbox;
let api: Api;
beforeEach(async () => {
  sandbox = await startSandbox();
  // grammY's own client, so uploads arrive as the multipart bodies it really sends.
  api = new Api(TOKEN, { apiRoot: sandbox.apiRoot });
});
afterEach(async () => {
  await sandbox.close();
});

const PNG_1X1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

async function rejection(call: Promise<unknown>): Promise<{ error_code: number; description: string }> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GrammyError)) throw new Error(`expected a GrammyError, got ${String(error)}`);
  return { error_code: error.error_code, description: error.description };
}

describe("captions in HTML", () => {
  it("refuses a caption Telegram cannot parse, on sending and on editing, and edits a valid one", async () => {
    const file = () => new InputFile(Buffer.from("хат"), "хат.pdf");
    expect(await rejection(api.sendDocument(CITIZEN, file(), { caption: "Хат <name@mail.kz>", parse_mode: "HTML" }))).toEqual({
      error_code: 400,
      description: 'Bad Request: can\'t parse entities: Unsupported start tag "name@mail.kz" at byte offset 7',
    });
    expect(await rejection(api.sendPhoto(CITIZEN, new InputFile(PNG_1X1, "p.png"), { caption: "A & B", parse_mode: "HTML" }))).toMatchObject({ error_code: 400 });
    const sent = await api.sendDocument(CITIZEN, file(), { caption: "<b>Жоба</b>", parse_mode: "HTML" });
    expect(await rejection(api.editMessageCaption(CITIZEN, sent.message_id, { caption: "<b>Жоба</i>", parse_mode: "HTML" }))).toEqual({
      error_code: 400,
      description: 'Bad Request: can\'t parse entities: Unmatched end tag at byte offset 11, expected "</b>", found "</i>"',
    });
    const edited = await api.editMessageCaption(CITIZEN, sent.message_id, { caption: "&lt;b&gt; Жоба", parse_mode: "HTML" });
    expect(edited).toMatchObject({ caption: "<b> Жоба", document: { file_name: "хат.pdf" } });
    expect(edited).not.toHaveProperty("caption_entities");
    const text = await api.sendMessage(CITIZEN, "мәтін");
    expect(await rejection(api.editMessageCaption(CITIZEN, text.message_id, { caption: "x" }))).toEqual({
      error_code: 400,
      description: "Bad Request: there is no caption in the message to edit",
    });
  });
});

describe("sendDocument", () => {
  it("stores an upload with its name, a MIME type from the extension, and its size", async () => {
    const bytes = Buffer.from("Шешім мәтіні");
    const message = await api.sendDocument(CITIZEN, new InputFile(bytes, "шешім № 5.docx"), {
      caption: "<b>Шешім</b>",
      parse_mode: "HTML",
      reply_markup: { inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] },
    });
    expect(message).toMatchObject({
      chat: { id: CITIZEN },
      caption: "Шешім",
      caption_entities: [{ type: "bold", offset: 0, length: 5 }],
      document: {
        file_name: "шешім № 5.docx",
        mime_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        file_size: bytes.length,
      },
      reply_markup: { inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] },
    });
    const file = await api.getFile(message.document.file_id);
    const download = await fetch(`${sandbox.apiRoot}/file/bot${TOKEN}/${file.file_path ?? ""}`);
    expect(download.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
  });

  it("sends a known file again by file_id", async () => {
    const first = await api.sendDocument(CITIZEN, new InputFile(Buffer.from("x"), "a.pdf"));
    const again = await api.sendDocument(CITIZEN, first.document.file_id);
    expect(again.document).toEqual(first.document);
  });

  it("rejects an unknown file_id, a long caption and an unknown chat", async () => {
    expect(await rejection(api.sendDocument(CITIZEN, "no-such-file"))).toEqual({
      error_code: 400,
      description: "Bad Request: wrong file identifier/HTTP URL specified",
    });
    const file = new InputFile(Buffer.from("x"), "a.pdf");
    expect(await rejection(api.sendDocument(CITIZEN, file, { caption: "ж".repeat(1025) }))).toEqual({
      error_code: 400,
      description: "Bad Request: message caption is too long",
    });
    expect(await rejection(api.sendDocument(7, new InputFile(Buffer.from("x"), "a.pdf")))).toEqual({
      error_code: 400,
      description: "Bad Request: chat not found",
    });
  });
});

describe("sendPhoto", () => {
  it("returns the photo with its dimensions", async () => {
    const message = await api.sendPhoto(CITIZEN, new InputFile(PNG_1X1, "scan.png"), { caption: "Скан" });
    expect(message).toMatchObject({
      caption: "Скан",
      photo: [{ file_id: expect.any(String), file_unique_id: expect.any(String), width: 1, height: 1, file_size: PNG_1X1.length }],
    });
  });

  it("refuses bytes that are not an image", async () => {
    expect(await rejection(api.sendPhoto(CITIZEN, new InputFile(Buffer.from("not an image"), "x.png")))).toEqual({
      error_code: 400,
      description: "Bad Request: IMAGE_PROCESS_FAILED",
    });
  });
});

describe("getFile", () => {
  it("rejects an unknown file_id", async () => {
    expect(await rejection(api.getFile("nope"))).toEqual({ error_code: 400, description: "Bad Request: invalid file_id" });
  });

  it("answers unknown download paths with 404", async () => {
    const response = await fetch(`${sandbox.apiRoot}/file/bot${TOKEN}/documents/file_404.pdf`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ ok: false, error_code: 404, description: "Not Found" });
  });
});
