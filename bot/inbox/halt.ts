import { setMaxListeners } from "node:events";
import type { Bot } from "grammy";
import type { BotContext } from "../context.js";

/**
 * Lets stop cut every Telegram call the bot's handlers have under way, as a crash would: an update
 * left unfinished then does nothing more here before its lease hands it to another worker.
 */
export function haltable(bot: Bot<BotContext>): AbortController {
  const halt = new AbortController();
  // One listener per call in flight, removed as it ends: the updates in hand, the long poll and
  // apologies together pass Node's default warning threshold of 10 without anything leaking.
  setMaxListeners(Infinity, halt.signal);
  bot.api.config.use(async (prev, method, payload, signal) => {
    const call = new AbortController();
    const cut = () => call.abort();
    if (halt.signal.aborted || signal?.aborted) cut();
    halt.signal.addEventListener("abort", cut);
    signal?.addEventListener("abort", cut);
    try {
      return await prev(method, payload, call.signal as typeof signal);
    } finally {
      halt.signal.removeEventListener("abort", cut);
      signal?.removeEventListener("abort", cut);
    }
  });
  return halt;
}
