import { badRequest, isObject } from "./params.js";
import type { InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboard } from "./types.js";

/** What a `reply_markup` asks for. */
export type Markup =
  | { kind: "none" }
  | { kind: "inline"; markup: InlineKeyboardMarkup }
  | { kind: "keyboard"; keyboard: ReplyKeyboard }
  | { kind: "remove" };

const INLINE_ACTIONS = [
  "callback_data",
  "url",
  "web_app",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "callback_game",
  "pay",
];
const CALLBACK_DATA_MAX_BYTES = 64;
/** Telegram refuses an inline keyboard of more buttons than this, counted over all rows. */
const INLINE_BUTTONS_MAX = 100;

function rowsOf(value: unknown, field: string, type: string): unknown[][] {
  if (!Array.isArray(value) || !value.every(Array.isArray)) {
    throw badRequest(`field "${field}" of the ${type} must be an Array of Arrays`);
  }
  return value as unknown[][];
}

function inlineButton(raw: unknown): InlineKeyboardButton {
  if (!isObject(raw) || typeof raw.text !== "string") {
    throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
  }
  if (!INLINE_ACTIONS.some((action) => raw[action] !== undefined)) {
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
  const data = raw.callback_data;
  if (data !== undefined && (typeof data !== "string" || data === "" || Buffer.byteLength(data) > CALLBACK_DATA_MAX_BYTES)) {
    throw badRequest("BUTTON_DATA_INVALID");
  }
  // Telegram takes only web and tg: links on URL buttons; the web chat relies on that.
  if (raw.url !== undefined && (typeof raw.url !== "string" || !/^(https?|tg):\/\//i.test(raw.url))) {
    throw badRequest("BUTTON_URL_INVALID");
  }
  return { ...raw, text: raw.text };
}

function keyboardButton(raw: unknown): KeyboardButton {
  if (typeof raw === "string") return { text: raw };
  if (!isObject(raw) || typeof raw.text !== "string") {
    throw badRequest('can\'t parse keyboard button: Field "text" must be of type String');
  }
  return {
    text: raw.text,
    ...(raw.request_contact === true && { request_contact: true }),
    ...(raw.request_location === true && { request_location: true }),
  };
}

export function parseMarkup(raw: unknown): Markup {
  if (raw === undefined) return { kind: "none" };
  if (!isObject(raw)) throw badRequest("can't parse reply keyboard markup JSON object");
  if (raw.inline_keyboard !== undefined) {
    const rows = rowsOf(raw.inline_keyboard, "inline_keyboard", "InlineKeyboardMarkup").filter((row) => row.length > 0);
    // An empty inline keyboard is how bots remove one.
    if (rows.length === 0) return { kind: "none" };
    if (rows.flat().length > INLINE_BUTTONS_MAX) throw badRequest("BUTTONS_TOO_MUCH");
    return { kind: "inline", markup: { inline_keyboard: rows.map((row) => row.map(inlineButton)) } };
  }
  if (raw.keyboard !== undefined) {
    const rows = rowsOf(raw.keyboard, "keyboard", "ReplyKeyboardMarkup");
    const keyboard: ReplyKeyboard = { keyboard: rows.map((row) => row.map(keyboardButton)) };
    for (const flag of ["one_time_keyboard", "resize_keyboard", "is_persistent"] as const) {
      if (raw[flag] === true) keyboard[flag] = true;
    }
    if (typeof raw.input_field_placeholder === "string") keyboard.input_field_placeholder = raw.input_field_placeholder;
    return { kind: "keyboard", keyboard };
  }
  if (raw.remove_keyboard === true) return { kind: "remove" };
  if (raw.force_reply === true) return { kind: "none" };
  throw badRequest("can't parse reply keyboard markup JSON object");
}

/** For edits, where only an inline keyboard (or none) is allowed. */
export function parseInlineMarkup(raw: unknown): InlineKeyboardMarkup | undefined {
  const markup = parseMarkup(raw);
  if (markup.kind === "inline") return markup.markup;
  if (markup.kind === "none") return undefined;
  throw badRequest("inline keyboard expected");
}
