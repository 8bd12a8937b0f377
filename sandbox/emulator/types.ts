import type { BotCommand, Chat, Contact, Document, MenuButton, PhotoSize, User } from "@grammyjs/types";

/**
 * The Bot API's shapes as the emulator uses them: grammY's own types for what it produces, and a
 * looser reading of what a bot sends (entities, buttons, keyboards), which the Bot API types as a
 * union per kind but the emulator must read before it knows the bot sent a valid one.
 */

export type TgUser = User;
export type TgChat = Chat.PrivateChat;

export interface MessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
}

export interface InlineKeyboardButton {
  text: string;
  callback_data?: string;
  url?: string;
  [action: string]: unknown;
}

export interface InlineKeyboardMarkup {
  inline_keyboard: InlineKeyboardButton[][];
}

export interface KeyboardButton {
  text: string;
  request_contact?: boolean;
  request_location?: boolean;
}

export interface ReplyKeyboard {
  keyboard: KeyboardButton[][];
  one_time_keyboard?: boolean;
  resize_keyboard?: boolean;
  is_persistent?: boolean;
  input_field_placeholder?: string;
}

export type TgDocument = Document;
export type TgPhotoSize = PhotoSize;
export type TgContact = Contact;

/** What a message carries besides its envelope (ids, sender, chat, dates). */
export interface MessageContent {
  text?: string;
  entities?: MessageEntity[];
  caption?: string;
  caption_entities?: MessageEntity[];
  document?: TgDocument;
  photo?: TgPhotoSize[];
  contact?: TgContact;
  location?: { latitude: number; longitude: number };
  sticker?: TgDocument & { type: "regular"; width: number; height: number; is_animated: boolean; is_video: boolean; emoji: string };
  voice?: TgDocument & { duration: number };
}

export interface TgMessage extends MessageContent {
  message_id: number;
  from: TgUser;
  chat: TgChat;
  date: number;
  edit_date?: number;
  reply_markup?: InlineKeyboardMarkup;
}

export interface TgCallbackQuery {
  id: string;
  from: TgUser;
  message: TgMessage;
  chat_instance: string;
  data: string;
}

export type TgUpdate = { update_id: number } & ({ message: TgMessage } | { callback_query: TgCallbackQuery });

export type { BotCommand, MenuButton };
