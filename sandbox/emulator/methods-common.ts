import type { Markup } from "./markup.js";
import { badRequest } from "./params.js";
import type { Params } from "./params.js";
import type { ChatState } from "./records.js";
import type { SandboxState } from "./state.js";
import type { MessageContent, TgMessage } from "./types.js";

export interface MethodContext {
  state: SandboxState;
  params: Params;
  /** Aborts when the HTTP client goes away. */
  signal: AbortSignal;
}

export type MethodHandler = (context: MethodContext) => unknown;

/** A chat id given as a number or a numeric string. */
export function toChatId(value: unknown): number | undefined {
  const id = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof id === "number" && Number.isInteger(id) ? id : undefined;
}

export function chatParam(state: SandboxState, params: Params): ChatState {
  if (params.raw("chat_id") === undefined) throw badRequest("chat_id is required");
  const id = toChatId(params.raw("chat_id"));
  const chat = id === undefined ? undefined : state.chat(id);
  if (!chat) throw badRequest("chat not found");
  return chat;
}

/** Posts a bot message and applies its reply_markup to the message or the chat's keyboard. */
export function deliver(state: SandboxState, chat: ChatState, content: MessageContent, markup: Markup): TgMessage {
  const message = state.addMessage(chat, "bot", content, markup.kind === "inline" ? markup.markup : undefined);
  if (markup.kind === "keyboard") state.setReplyKeyboard(chat, markup.keyboard);
  if (markup.kind === "remove") state.setReplyKeyboard(chat, null);
  return state.asTelegramMessage(message);
}
