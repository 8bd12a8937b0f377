import { asDocument, asPhoto, storeDocument, storePhoto } from "./files.js";
import type { UploadedFile } from "./multipart.js";
import { isObject } from "./params.js";
import type { SandboxState } from "./state.js";
import type { ChatState } from "./records.js";
import type { MessageContent, ReplyKeyboard } from "./types.js";

/** The tester asked for something a Telegram user could not do. */
export class UserActionError extends Error {
  readonly status: 400 | 404;

  constructor(message: string, status: 400 | 404 = 400) {
    super(message);
    this.status = status;
  }
}

export interface ActionResult {
  update_id: number;
  /** The change counter right after the action; the helper waits for replies after it. */
  seq: number;
  message_id?: number;
  file_id?: string;
  callback_query_id?: string;
}

const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** A leading /command gets a bot_command entity, as Telegram's clients add. */
function textMessage(text: string): MessageContent {
  const command = /^\/[a-z0-9_]{1,32}(@[a-z0-9_]+)?/i.exec(text)?.[0];
  return { text, ...(command && { entities: [{ type: "bot_command", offset: 0, length: command.length }] }) };
}

/**
 * A sent message from the tester's JSON: text, contact, sticker, voice, location or a declared
 * document (with `size_unknown: true`, one whose size Telegram does not tell).
 */
export function contentFromJson(state: SandboxState, chat: ChatState, body: unknown): MessageContent {
  if (!isObject(body)) throw new UserActionError("expected a JSON object");
  const { text, contact, location, document, caption } = body;
  if (typeof text === "string" && text.trim() !== "") return textMessage(text);
  if (isObject(contact) && typeof contact.phone_number === "string") {
    return {
      contact: {
        phone_number: contact.phone_number,
        first_name: typeof contact.first_name === "string" ? contact.first_name : chat.user.first_name,
        ...(isNumber(contact.user_id) && { user_id: contact.user_id }),
      },
    };
  }
  if (body.sticker === true) {
    const file = state.storeFile("stickers", { file_name: "sticker.webp", mime_type: "image/webp", file_size: 4096 });
    return { sticker: { ...asDocument(file), type: "regular", width: 512, height: 512, is_animated: false, is_video: false, emoji: "👍" } };
  }
  if (body.voice === true) {
    const file = state.storeFile("voice", { file_name: "voice.ogg", mime_type: "audio/ogg", file_size: 8192 });
    return { voice: { ...asDocument(file), duration: 3 } };
  }
  if (isObject(location) && isNumber(location.latitude) && isNumber(location.longitude)) {
    return { location: { latitude: location.latitude, longitude: location.longitude } };
  }
  if (isObject(document) && typeof document.file_name === "string" && isNumber(document.file_size)) {
    const mime_type = typeof document.mime_type === "string" ? document.mime_type : "application/octet-stream";
    const size_unknown = document.size_unknown === true;
    const file = state.storeFile("documents", { file_name: document.file_name, mime_type, file_size: document.file_size, ...(size_unknown && { size_unknown }) });
    return { document: asDocument(file), ...(typeof caption === "string" && caption !== "" && { caption }) };
  }
  throw new UserActionError("send one of: text, contact {phone_number}, sticker: true, voice: true, location {latitude, longitude}, document {file_name, file_size}");
}

/** An upload from the web chat: a photo when it is a JPEG or PNG, else a document. */
export function uploadContent(state: SandboxState, upload: UploadedFile, caption: string | undefined): MessageContent {
  const photo = /^image\/(jpeg|png)$/.test(upload.contentType) ? storePhoto(state, upload) : undefined;
  const media = photo ? { photo: asPhoto(photo) } : { document: asDocument(storeDocument(state, upload)) };
  return { ...media, ...(caption && { caption }) };
}

/** Whether the message is what pressing a button of this keyboard sends. */
function isKeyboardPress(keyboard: ReplyKeyboard, content: MessageContent): boolean {
  return keyboard.keyboard.flat().some((button) => {
    if (button.request_contact) return content.contact !== undefined;
    if (button.request_location) return content.location !== undefined;
    return button.text === content.text;
  });
}

export function sendAsUser(state: SandboxState, chat: ChatState, content: MessageContent): ActionResult {
  const message = state.addMessage(chat, "user", content);
  const keyboard = chat.replyKeyboard;
  if (keyboard?.one_time_keyboard && isKeyboardPress(keyboard, content)) state.setReplyKeyboard(chat, null);
  const update_id = state.enqueue({ message: state.asTelegramMessage(message) });
  const file_id = content.document?.file_id ?? content.photo?.at(-1)?.file_id;
  return { message_id: message.message_id, update_id, seq: state.seq, ...(file_id && { file_id }) };
}

/** Any data may be sent, as a forged client could; only the message must exist. */
export function pressButton(state: SandboxState, chat: ChatState, body: unknown): ActionResult {
  const messageId = isObject(body) ? body.message_id : undefined;
  const data = isObject(body) ? body.data : undefined;
  if (!isNumber(messageId) || typeof data !== "string") throw new UserActionError("expected { message_id, data }");
  const message = state.message(chat, messageId);
  if (!message) throw new UserActionError(`message ${messageId} not found in this chat`, 404);
  const query = state.newCallbackQuery(chat, message, data);
  const update_id = state.enqueue({ callback_query: query });
  return { callback_query_id: query.id, update_id, seq: state.seq };
}
