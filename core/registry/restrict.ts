import { eq } from "drizzle-orm";
import { z } from "zod";
import { appeals, journalEntries, journalEntryEvents } from "../../db/schema/index.js";
import { appendEvent } from "../appeals/events.js";
import { assertHolderCleared } from "../appeals/restricted-holder.js";
import { lockAppeal } from "../appeals/transition.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { recordedUserId } from "../staff/operator.js";

const restrictInput = z.object({
  target: z.enum(["entry", "appeal"]),
  id: z.number().int().positive(),
  restricted: z.boolean(),
  reason: z
    .string()
    .transform((s) => s.replace(/\s+/g, " ").trim())
    .pipe(z.string().min(3).max(1000)),
});
export type RestrictInput = z.input<typeof restrictInput>;

/**
 * Marks a journal line or an appeal for official use (ҚБПҮ / ДСП), or lifts the mark, with the
 * reason in its trail. Only a cleared person may do either: whoever marks must still see what they
 * marked. A line of the ДСП journal keeps its mark. Marking what is already so changes nothing.
 */
export async function setRestricted(ctx: Ctx, actor: Actor, raw: RestrictInput): Promise<{ changed: boolean }> {
  const parsed = restrictInput.safeParse(raw);
  if (!parsed.success) {
    throw parsed.error.issues.some((i) => i.path[0] === "reason") ? new DomainError("restrict_reason", { min: 3, max: 1000 }) : new DomainError("invalid_input");
  }
  const input = parsed.data;
  assertCan(actor, "registry.restrict");
  if (!actor.clearance) throw new DomainError("clearance_required");
  return ctx.db.transaction(async (tx) => {
    const kind = input.restricted ? "restricted" : "unrestricted";
    if (input.target === "appeal") {
      const appeal = await lockAppeal(tx, input.id);
      if (appeal.restricted === input.restricted) return { changed: false };
      await assertHolderCleared(tx, { ...appeal, restricted: input.restricted });
      await tx.update(appeals).set({ restricted: input.restricted, updatedAt: ctx.clock.now() }).where(eq(appeals.id, appeal.id));
      await appendEvent(ctx, tx, { appealId: appeal.id, actor, kind, comment: input.reason });
      return { changed: true };
    }
    const [entry] = await tx.select().from(journalEntries).where(eq(journalEntries.id, input.id)).for("update");
    if (!entry) throw new DomainError("entry_not_found");
    if (entry.journal === "restricted") throw new DomainError("restricted_journal_mark");
    if (entry.restricted === input.restricted) return { changed: false };
    await tx.update(journalEntries).set({ restricted: input.restricted }).where(eq(journalEntries.id, entry.id));
    await tx.insert(journalEntryEvents).values({ entryId: entry.id, at: ctx.clock.now(), actorUserId: recordedUserId(actor), kind, reason: input.reason });
    return { changed: true };
  });
}
