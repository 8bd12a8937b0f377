import { enqueue } from "../core/outbox/enqueue.js";
import { guessLanguage } from "../core/people/language.js";
import type { Actor } from "../core/shared/roles.js";
import type { BotContext } from "./context.js";
import { send } from "./messages.js";

/**
 * Tells the person in the chat that their update was refused or failed, once. When even that
 * cannot be sent now (Telegram down, or still busy past the short retries), the same words go
 * through the outbox, which keeps trying, so the person is never left without an answer; the
 * failure is logged with the update's id.
 */
export async function tellOfError(ctx: BotContext, key: string, params: Record<string, string | number>): Promise<void> {
  const chatId = ctx.chat!.id;
  const update = ctx.update.update_id;
  try {
    await send(ctx, ctx.t(key, params));
  } catch (error) {
    const core = ctx.deps.core;
    core.log.error({ err: error, update }, "error notice not sent; it goes through the outbox");
    // Update ids start again at random after a quiet week: the press's id or the message's time keeps the key new.
    const once = ctx.callbackQuery?.id ?? ctx.msg?.date ?? 0;
    const language = (ctx.actor as Actor | undefined)?.language ?? guessLanguage(ctx.from?.language_code);
    await enqueue(core, core.db, { dedupeKey: `error_notice:${chatId}:${update}:${once}`, chatId, language, key, params }).catch((err: unknown) =>
      core.log.error({ err, update }, "error notice could not be queued either"),
    );
  }
}
