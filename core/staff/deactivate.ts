import { and, asc, eq, isNull } from "drizzle-orm";
import { notifyRoles } from "./notify.js";
import { z } from "zod";
import { appeals, users } from "../../db/schema/index.js";
import { appendEvent } from "../appeals/events.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { recordedUserId } from "./operator.js";

const input = z.object({ userId: z.number().int().positive() });

export interface Deactivated {
  userId: number;
  /** Their chat, whose staff command menu goes away with the access. */
  telegramId: number;
  /** Numbers of the open appeals handed back to the queue. */
  returned: string[];
}

/**
 * A member of staff leaves (DESIGN §1): they can do nothing more, and every open appeal they held
 * goes back to the sector's queue with an event on its trail; the registrars are told which, so
 * nothing is orphaned. One transaction.
 */
export async function deactivateStaff(ctx: Ctx, actor: Actor, raw: z.input<typeof input>): Promise<Deactivated> {
  assertCan(actor, "staff.deactivate");
  const { userId } = parseInput(input, raw);
  if (userId === actor.userId) throw new DomainError("cannot_deactivate_self");
  return ctx.db.transaction(async (tx) => {
    const [person] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!person || person.role === "citizen") throw new DomainError("staff_not_found");
    if (!person.active) throw new DomainError("staff_already_deactivated");
    const now = ctx.clock.now();
    await tx.update(users).set({ active: false }).where(eq(users.id, userId));

    const held = await tx
      .select({ id: appeals.id, number: appeals.number })
      .from(appeals)
      .where(and(eq(appeals.holderUserId, userId), isNull(appeals.closedAt)))
      .orderBy(asc(appeals.id))
      .for("update");
    for (const appeal of held) {
      await tx.update(appeals).set({ holderUserId: null, updatedAt: now }).where(eq(appeals.id, appeal.id));
      await appendEvent(ctx, tx, {
        appealId: appeal.id,
        actor: recordedUserId(actor) === null ? null : actor,
        kind: "returned_to_queue",
        data: { fromHolderUserId: userId, reason: "holder_deactivated" },
      });
    }

    if (held.length > 0) {
      const numbers = held.map((a) => a.number).join(", ");
      await notifyRoles(ctx, tx, { roles: ["registrar"] }, (registrarId) => `staff_deactivated:${userId}:${now.getTime()}:registrar:${registrarId}`, {
        key: "staff.notice.returned_to_queue",
        params: { count: held.length, numbers },
      });
    }
    ctx.log.info({ userId, by: recordedUserId(actor), returned: held.length }, "staff deactivated");
    return { userId, telegramId: person.telegramId, returned: held.map((a) => a.number) };
  });
}
