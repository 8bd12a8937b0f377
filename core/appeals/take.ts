import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../db/client.js";
import { appeals, outbox, users } from "../../db/schema/index.js";
import { enqueue } from "../outbox/enqueue.js";
import type { OutboxPayload } from "../outbox/delivery.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { roleHolders } from "../staff/recipients.js";
import { appendEvent } from "./events.js";
import { gatherKey, singleKey, TAKE_KEYBOARD } from "./registrar-notice.js";
import { assertCanTouch, lockAppeal, type AppealRow } from "./transition.js";

const input = z.object({ appealId: z.number().int().positive() });

/**
 * A registrar takes a new appeal for the preliminary review (Reg. 7.1.5): the first to press holds
 * it, a second press of the same person changes nothing, anyone else is told who has it. The
 * other registrars' notices of it change to "taken by …" (or are withdrawn, if not yet sent).
 */
export async function takeAppeal(ctx: Ctx, actor: Actor, raw: z.input<typeof input>): Promise<{ appeal: AppealRow; taken: boolean }> {
  const { appealId } = parseInput(input, raw);
  return ctx.db.transaction(async (tx) => {
    const appeal = await lockAppeal(tx, appealId);
    assertCanTouch(actor, "appeal.classify", appeal);
    if (appeal.state !== "registered") throw new DomainError("appeal_wrong_state", { state: appeal.state });
    if (appeal.holderUserId === actor.userId) return { appeal, taken: false };
    if (appeal.holderUserId !== null) throw new DomainError("appeal_taken", { name: await nameOf(tx, appeal.holderUserId) });
    const [updated] = await tx.update(appeals).set({ holderUserId: actor.userId, updatedAt: ctx.clock.now() }).where(eq(appeals.id, appeal.id)).returning();
    const eventId = await appendEvent(ctx, tx, { appealId: appeal.id, actor, kind: "taken" });
    await changeOthersNotices(ctx, tx, actor, updated!, eventId);
    return { appeal: updated!, taken: true };
  });
}

async function nameOf(tx: Tx, userId: number): Promise<string> {
  const [person] = await tx.select({ name: users.fullName }).from(users).where(eq(users.id, userId));
  return person?.name ?? `#${userId}`;
}

async function changeOthersNotices(ctx: Ctx, tx: Tx, actor: Actor, appeal: AppealRow, eventId: number): Promise<void> {
  const others = (await roleHolders(ctx, tx, { roles: ["registrar"], clearedOnly: appeal.restricted })).filter((r) => r.id !== actor.userId);
  if (others.length === 0) return;
  const keys = others.flatMap((r) => [singleKey(r.id, appeal.id), gatherKey(r.id, appeal.id)]);
  const notices = await tx.select().from(outbox).where(inArray(outbox.dedupeKey, keys)).for("update");
  const name = await nameOf(tx, actor.userId);
  for (const notice of notices) {
    // A gathering notice that has since become "N new appeals" is about the burst, not this appeal.
    if ((notice.payload as OutboxPayload).keyboard?.name !== TAKE_KEYBOARD) continue;
    if (notice.status === "pending") {
      await tx.update(outbox).set({ status: "cancelled" }).where(and(eq(outbox.id, notice.id), eq(outbox.status, "pending")));
      continue;
    }
    if (notice.status !== "sent" && notice.status !== "sending") continue;
    await enqueue(ctx, tx, {
      dedupeKey: `event:${eventId}:taken:${notice.id}`,
      chatId: notice.chatId,
      language: notice.language,
      key: "staff.notice.appeal_taken",
      params: { number: appeal.number, name },
      edit: notice.id,
    });
  }
}
