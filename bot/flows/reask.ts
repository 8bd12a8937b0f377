import type { BotContext } from "../context.js";
import { reaskActiveFlow as reaskChatFlow } from "./router.js";

/**
 * How each chat flow asks its current question again, e.g. after the language changed or a
 * command interrupted it. Flows register themselves; callers need not know them.
 */
const reaskers = new Map<string, (ctx: BotContext) => Promise<void>>();

export function registerReask(flow: string, reask: (ctx: BotContext) => Promise<void>): void {
  reaskers.set(flow, reask);
}

/** Asks the active flow's question again; false when the person is in no flow. */
export async function reaskActiveFlow(ctx: BotContext): Promise<boolean> {
  if (await reaskChatFlow(ctx)) return true;
  const reask = ctx.activeFlow ? reaskers.get(ctx.activeFlow) : undefined;
  if (!reask) return false;
  await reask(ctx);
  return true;
}
