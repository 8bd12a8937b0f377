import type { Api } from "grammy";
import type { Update } from "grammy/types";
import { enqueue } from "../../core/outbox/enqueue.js";
import { guessLanguage } from "../../core/people/language.js";
import type { Ctx } from "../../core/shared/context.js";
import { translator } from "../../locales/index.js";
import { updateKind } from "../metrics/update-metrics.js";
import { chatOf } from "./update-chat.js";

/** Updates apologised for, remembered so that one fetched again while the database is away is not. */
const REMEMBERED = 1000;

/**
 * Tells the sender of an update that could not be stored (the database is away) or was given up
 * on that something went wrong on our side: in their Telegram's language, since the database
 * that knows their chosen one may be the thing that failed. Once per update; a button press is
 * also answered, so its spinner stops. When Telegram refuses even that, the words go through the
 * outbox, which keeps trying (and tells the administrators if it must give up): nobody is left
 * without an answer.
 */
export function apologizer(api: Api, core: Ctx): (update: Update) => void {
  const told = new Set<number>();
  return (update) => {
    if (told.has(update.update_id)) return;
    told.add(update.update_id);
    if (told.size > REMEMBERED) told.delete(told.values().next().value!);
    const chatId = chatOf(update);
    const from = (update as unknown as Record<string, { from?: { language_code?: string } } | undefined>)[updateKind(update)]?.from;
    const language = guessLanguage(from?.language_code);
    const query = update.callback_query;
    if (query) void api.answerCallbackQuery(query.id).catch(() => undefined);
    if (chatId === 0) return;
    api.sendMessage(chatId, translator(language)("errors.internal"), { parse_mode: "HTML" }).catch(async (err: unknown) => {
      core.log.warn({ err, update: update.update_id }, "apology not sent; it goes through the outbox");
      await enqueue(core, core.db, { dedupeKey: `error_notice:${chatId}:${update.update_id}:given_up`, chatId, language, key: "errors.internal" }).catch((queued: unknown) =>
        core.log.error({ err: queued, update: update.update_id }, "apology could not be queued either"),
      );
    });
  };
}
