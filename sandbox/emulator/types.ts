/**
 * The slice of Telegram Bot API object shapes the sandbox produces. Kept
 * local so the emulator depends on nothing but the wire format.
 */

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface TgChat {
  id: number;
  type: "private";
  first_name: string;
  last_name?: string;
  username?: string;
}

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

export interface TgDocument {
  file_id: string;
  file_unique_id: string;
  file_name?: string;
  mime_type?: string;
  /** Telegram leaves it out at times; a bot must not count on it. */
  file_size?: number;
}

export interface TgPhotoSize {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  file_size: number;
}

export interface TgContact {
  phone_number: string;
  first_name: string;
  last_name?: string;
  user_id?: number;
}

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

export interface BotCommand {
  command: string;
  description: string;
}

export interface MenuButton {
  type: string;
  text?: string;
  web_app?: { url: string };
}
