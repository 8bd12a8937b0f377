import { isDeepStrictEqual } from "node:util";
import { captionContent, readCaption, readText, textContent } from "./formatted-text.js";
import { parseInlineMarkup, parseMarkup } from "./markup.js";
import { chatParam, deliver } from "./methods-common.js";
import type { MethodContext, MethodHandler } from "./methods-common.js";
import { badRequest } from "./params.js";
import type { StoredMessage } from "./records.js";

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

function messageToEdit({ state, params }: MethodContext): StoredMessage {
  const chat = chatParam(state, params);
  const message = state.message(chat, params.int("message_id"));
  if (!message) throw badRequest("message to edit not found");
  if (message.sender !== "bot") throw badRequest("message can't be edited");
  return message;
}

export const messageMethods: Record<string, MethodHandler> = {
  sendMessage: ({ state, params }) => {
    const chat = chatParam(state, params);
    const content = textContent(readText(params));
    return deliver(state, chat, content, parseMarkup(params.json("reply_markup")));
  },

  // As on Telegram, an edit without reply_markup removes the inline keyboard.
  editMessageText: (context) => {
    const { state, params } = context;
    const message = messageToEdit(context);
    if (message.content.text === undefined) throw badRequest("there is no text in the message to edit");
    const content = textContent(readText(params));
    const replyMarkup = parseInlineMarkup(params.json("reply_markup"));
    if (isDeepStrictEqual(message.content, content) && isDeepStrictEqual(message.reply_markup, replyMarkup)) {
      throw badRequest(NOT_MODIFIED);
    }
    state.editMessage(message, { content, replyMarkup });
    return state.asTelegramMessage(message);
  },

  // The caption is checked like a sent one; a blank caption removes it.
  editMessageCaption: (context) => {
    const { state, params } = context;
    const message = messageToEdit(context);
    if (message.content.text !== undefined) throw badRequest("there is no caption in the message to edit");
    const { caption: _caption, caption_entities: _entities, ...media } = message.content;
    const content = { ...media, ...captionContent(readCaption(params)) };
    const replyMarkup = parseInlineMarkup(params.json("reply_markup"));
    if (isDeepStrictEqual(message.content, content) && isDeepStrictEqual(message.reply_markup, replyMarkup)) {
      throw badRequest(NOT_MODIFIED);
    }
    state.editMessage(message, { content, replyMarkup });
    return state.asTelegramMessage(message);
  },

  editMessageReplyMarkup: (context) => {
    const { state, params } = context;
    const message = messageToEdit(context);
    const replyMarkup = parseInlineMarkup(params.json("reply_markup"));
    if (isDeepStrictEqual(message.reply_markup, replyMarkup)) throw badRequest(NOT_MODIFIED);
    state.editMessage(message, { replyMarkup });
    return state.asTelegramMessage(message);
  },

  deleteMessage: ({ state, params }) => {
    const chat = chatParam(state, params);
    const message = state.message(chat, params.int("message_id"));
    if (!message) throw badRequest("message to delete not found");
    state.deleteMessage(message);
    return true;
  },

  sendChatAction: ({ state, params }) => {
    chatParam(state, params);
    params.string("action");
    return true;
  },
};
