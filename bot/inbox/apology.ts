import type { Api } from "grammy";
import type { Update } from "grammy/types";
import { guessLanguage } from "../../core/people/users.js";
import type { Logger } from "../../core/shared/context.js";
import { translator } from "../i18n.js";
import { updateKind } from "../metrics/update-metrics.js";
import { chatOf } from "./update-chat.js";

/** Updates apologised for, remembered so that one fetched again while the database is away is not. */
const REMEMBERED = 1000;

/**
 * Tells the sender of an update that could not be stored (the database is away) or was given up
 * on that something went wrong on our side: in their Telegram's language, since the database
 * that knows their chosen one may be the thing that failed. Once per update; a button press is
 * also answered, so its spinner stops.
 */
export function apologizer(api: Api, log: Logger): (update: Update) => void {
  const told = new Set<number>();
  return (update) => {
    if (told.has(update.update_id)) return;
    told.add(update.update_id);
    if (told.size > REMEMBERED) told.delete(told.values().next().value!);
    const chatId = chatOf(update);
    const from = (update as unknown as Record<string, { from?: { language_code?: string } } | undefined>)[updateKind(update)]?.from;
    const text = translator(guessLanguage(from?.language_code))("errors.internal");
    const query = update.callback_query;
    void Promise.all([
      chatId === 0 ? undefined : api.sendMessage(chatId, text, { parse_mode: "HTML" }),
      query && api.answerCallbackQuery(query.id),
    ]).catch((err: unknown) => log.warn({ err, update: update.update_id }, "apology not delivered"));
  };
}
