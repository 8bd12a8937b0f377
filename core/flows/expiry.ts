import { and, eq, lte } from "drizzle-orm";
import { flows, users } from "../../db/schema/index.js";
import { almatyDate, dottedDate } from "../calendar/dates.js";
import { enqueue } from "../outbox/enqueue.js";
import type { Ctx } from "../shared/context.js";
import { languageOf } from "../people/language.js";
import { flowNamed } from "./flow.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** A flow nobody touched for this long is removed: a person who comes back starts again. */
export const FLOW_IDLE_DAYS = 30;
/** A draft holding the person's files is announced this long before it goes. */
export const FLOW_WARNING_DAYS = 7;

/**
 * Removes flows idle for FLOW_IDLE_DAYS, undoing what each flow's cancel undoes; a week before,
 * the owner of a draft worth keeping (one with their files) is told once when it will go.
 */
export async function expireIdleFlows(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now().getTime();
  const idle = await ctx.db
    .select({ userId: flows.userId, name: flows.name, step: flows.step, data: flows.data, updatedAt: flows.updatedAt, chatId: users.telegramId, language: users.language, seenLanguage: users.seenLanguage })
    .from(flows)
    .innerJoin(users, eq(users.id, flows.userId))
    .where(lte(flows.updatedAt, new Date(now - (FLOW_IDLE_DAYS - FLOW_WARNING_DAYS) * DAY_MS)));
  let written = 0;
  for (const row of idle) {
    const flow = flowNamed(row.name);
    const removeOn = new Date(row.updatedAt.getTime() + FLOW_IDLE_DAYS * DAY_MS);
    if (removeOn.getTime() <= now) {
      await ctx.db.transaction(async (tx) => {
        const [gone] = await tx
          .delete(flows)
          .where(and(eq(flows.userId, row.userId), eq(flows.name, row.name), eq(flows.updatedAt, row.updatedAt)))
          .returning();
        // Touched again since it was read: it is no longer idle.
        if (gone) await flow?.onCancel?.(ctx, tx, row.userId, { step: gone.step, data: gone.data, messageId: gone.messageId, version: gone.version });
      });
      written++;
    } else if (flow?.worthKeeping?.(row.data)) {
      const fresh = await enqueue(ctx, ctx.db, {
        // Once per idle spell: touching the draft starts a new one.
        dedupeKey: `flow-expiry:${row.userId}:${row.name}:${row.updatedAt.getTime()}`,
        chatId: row.chatId,
        language: languageOf(row),
        key: `flow.expiry_warning.${row.name}`,
        params: { date: dottedDate(almatyDate(removeOn)) },
      });
      if (fresh) written++;
    }
  }
  return written;
}
