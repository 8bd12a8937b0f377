import { GrammyError, type InlineKeyboard, type Keyboard } from "grammy";
import type { BotContext } from "./context.js";
import type { Html, PlainText } from "../locales/html.js";

type Markup = InlineKeyboard | Keyboard | { remove_keyboard: true };

/** Telegram refuses edits that change nothing or target a vanished message; neither matters to the user. */
function isHarmlessEditError(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    /message is not modified|message to edit not found|message can't be edited/.test(error.description)
  );
}

export async function send(ctx: BotContext, text: Html, markup?: Markup): Promise<number> {
  const message = await ctx.reply(text, { parse_mode: "HTML", reply_markup: markup, link_preview_options: { is_disabled: true } });
  return message.message_id;
}

/** A finished question loses its buttons, so an old button can't be pressed by mistake. */
export async function stripButtons(ctx: BotContext, messageId: number | null): Promise<void> {
  if (messageId === null || !ctx.chat) return;
  try {
    await ctx.api.editMessageReplyMarkup(ctx.chat.id, messageId, { reply_markup: { inline_keyboard: [] } });
  } catch (error) {
    if (!isHarmlessEditError(error)) throw error;
  }
}

/**
 * Menus edit their own message in place instead of piling up new ones. Returns the id of the
 * message that now shows `text`: the same one, or a new one when it could not be edited.
 */
export async function showInPlace(ctx: BotContext, messageId: number | undefined, text: Html, markup?: InlineKeyboard): Promise<number> {
  if (messageId !== undefined && ctx.chat) {
    try {
      await ctx.api.editMessageText(ctx.chat.id, messageId, text, {
        parse_mode: "HTML",
        reply_markup: markup,
        link_preview_options: { is_disabled: true },
      });
      return messageId;
    } catch (error) {
      if (!isHarmlessEditError(error)) throw error;
      if (error instanceof GrammyError && /not modified/.test(error.description)) return messageId;
    }
  }
  return send(ctx, text, markup);
}

/** Every button press is answered, with a short notice when nothing visible changes. */
export async function answerCallback<T extends string>(ctx: BotContext, text?: PlainText<T>, alert = false): Promise<void> {
  if (!ctx.callbackQuery || ctx.callbackAnswered) return;
  ctx.callbackAnswered = true;
  await ctx.answerCallbackQuery(text ? { text, show_alert: alert } : undefined).catch(() => undefined);
}
