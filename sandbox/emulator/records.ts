import type { DemoUser } from "../demo/users.js";
import type { InlineKeyboardMarkup, MenuButton, MessageContent, ReplyKeyboard } from "./types.js";

/** What the emulator keeps of each chat, message, file and call: the state its tests look into. */

export interface StoredMessage {
  message_id: number;
  chatId: number;
  sender: "user" | "bot";
  date: number;
  edit_date?: number;
  /** The global change counter at this message's last create/edit/delete. */
  seq: number;
  deleted: boolean;
  content: MessageContent;
  reply_markup?: InlineKeyboardMarkup;
}

export interface Toast {
  seq: number;
  text: string;
  show_alert: boolean;
  message_id: number;
}

/** A private chat between the bot and one demo user; its id is the user's id. */
export interface ChatState {
  id: number;
  user: DemoUser;
  chatInstance: string;
  messages: StoredMessage[];
  nextMessageId: number;
  replyKeyboard: ReplyKeyboard | null;
  toasts: Toast[];
  menuButton?: MenuButton;
  /** The global change counter at this chat's last change. */
  seq: number;
}

export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_path: string;
  file_name?: string;
  mime_type: string;
  file_size: number;
  /** Telegram does not say the size, in the message or from getFile, and lets it be downloaded. */
  size_unknown?: boolean;
  /** Absent when a test only declared the size; downloads are then zero-filled. */
  bytes?: Uint8Array<ArrayBuffer>;
  /** Photos only. */
  width?: number;
  height?: number;
}

export interface CallRecord {
  at: string;
  method: string;
  params: Record<string, unknown>;
  ok: boolean;
  error_code?: number;
  description?: string;
}
