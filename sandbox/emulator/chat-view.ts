import { entitiesToHtml } from "./html-entities.js";
import type { SandboxState } from "./state.js";
import type { ChatState, StoredMessage, Toast } from "./records.js";
import type { InlineKeyboardButton, MenuButton, MessageEntity, ReplyKeyboard, TgContact } from "./types.js";

/** One message as the web chat and the test helper see it. */
export interface ChatMessageView {
  message_id: number;
  /** Bumped whenever the message is created, edited or deleted. */
  seq: number;
  from: "user" | "bot";
  kind: "text" | "document" | "photo" | "contact" | "location" | "sticker" | "voice";
  date: number;
  /** The text, or the caption of a media message; plain. */
  text: string;
  /** `text` with its entities as safe HTML: escaped text inside a fixed set of tags. */
  html: string;
  entities: MessageEntity[];
  inline_keyboard: InlineKeyboardButton[][] | null;
  document?: { file_id: string; file_name?: string; mime_type?: string; file_size?: number; url: string };
  photo?: { file_id: string; width: number; height: number; file_size?: number; url: string };
  contact?: TgContact;
  location?: { latitude: number; longitude: number };
  sticker?: { emoji: string };
  edited: boolean;
  deleted: boolean;
}

export interface ChatView {
  /** Pass back as `after` to wait for the next change. */
  seq: number;
  messages: ChatMessageView[];
  reply_keyboard: ReplyKeyboard | null;
  /** Callback answers newer than `after`. */
  toasts: Toast[];
  menu_button: MenuButton;
}

function kindOf(message: StoredMessage): ChatMessageView["kind"] {
  const kinds = ["document", "photo", "contact", "location", "sticker", "voice"] as const;
  return kinds.find((kind) => message.content[kind] !== undefined) ?? "text";
}

function messageView(message: StoredMessage, fileUrl: (fileId: string) => string): ChatMessageView {
  const { content } = message;
  const text = content.text ?? content.caption ?? "";
  const entities = content.entities ?? content.caption_entities ?? [];
  const photo = content.photo?.at(-1);
  return {
    message_id: message.message_id,
    seq: message.seq,
    from: message.sender,
    kind: kindOf(message),
    date: message.date,
    text,
    html: entitiesToHtml(text, entities),
    entities,
    inline_keyboard: message.reply_markup?.inline_keyboard ?? null,
    ...(content.document && { document: { ...content.document, url: fileUrl(content.document.file_id) } }),
    ...(photo && { photo: { ...photo, url: fileUrl(photo.file_id) } }),
    ...(content.contact && { contact: content.contact }),
    ...(content.location && { location: content.location }),
    ...(content.sticker && { sticker: { emoji: content.sticker.emoji } }),
    edited: message.edit_date !== undefined,
    deleted: message.deleted,
  };
}

export function chatView(state: SandboxState, chat: ChatState, after: number, fileUrl: (fileId: string) => string): ChatView {
  return {
    seq: state.seq,
    messages: chat.messages.map((m) => messageView(m, fileUrl)),
    reply_keyboard: chat.replyKeyboard,
    toasts: chat.toasts.filter((t) => t.seq > after),
    menu_button: chat.menuButton ?? state.defaultMenuButton,
  };
}
