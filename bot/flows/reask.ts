import type { BotContext } from "../context.js";

/**
 * How each chat flow asks its current question again, e.g. after the language changed or a
 * command interrupted it. Flows register themselves; callers need not know them.
 */
const reaskers = new Map<string, (ctx: BotContext) => Promise<void>>();

export function registerReask(flow: string, reask: (ctx: BotContext) => Promise<void>): void {
  reaskers.set(flow, reask);
}

export async function reaskActiveFlows(ctx: BotContext): Promise<boolean> {
  let asked = false;
  for (const flow of ctx.flows) {
    const reask = reaskers.get(flow);
    if (reask) {
      await reask(ctx);
      asked = true;
    }
  }
  return asked;
}
