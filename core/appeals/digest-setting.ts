import { eq } from "drizzle-orm";
import { staffReminderSettings } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";

/** Whether this member of staff turned the morning digest off. */
export async function digestMuted(ctx: Ctx, actor: Actor): Promise<boolean> {
  assertCan(actor, "staff.reminders");
  const [row] = await ctx.db.select().from(staffReminderSettings).where(eq(staffReminderSettings.userId, actor.userId));
  return row?.digestMuted ?? false;
}

/**
 * Turns the morning digest off or back on for oneself. Overdue notices are not affected: they
 * cannot be muted. Returns false when it already was so (a second tap), changing nothing.
 */
export async function setDigestMuted(ctx: Ctx, actor: Actor, muted: boolean): Promise<boolean> {
  if ((await digestMuted(ctx, actor)) === muted) return false;
  const now = ctx.clock.now();
  await ctx.db
    .insert(staffReminderSettings)
    .values({ userId: actor.userId, digestMuted: muted, updatedAt: now })
    .onConflictDoUpdate({ target: staffReminderSettings.userId, set: { digestMuted: muted, updatedAt: now } });
  ctx.log.info({ userId: actor.userId, digestMuted: muted }, "digest setting changed");
  return true;
}
