import { and, asc, count, desc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { z } from "zod";
import { appeals, outbox, users } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor, Role } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import type { OutboxPayload } from "./delivery.js";
import { messageKind, type MessageKind } from "./message-kind.js";

/** A message not delivered: given up (`failed`), or due and still waiting. */
export interface UndeliveredMessage {
  id: number;
  state: "failed" | "waiting";
  kind: MessageKind;
  /** The appeal it is about, by number; never its text (the administrator sees none). */
  appealNumber: string | null;
  /** Who it is for, when the chat is a person the bot knows: staff by name, citizens by number only. */
  recipient: { userId: number; role: Role; staffName: string | null } | null;
  chatId: number;
  dueAt: Date;
  failedAt: Date | null;
  attempts: number;
  lastError: string | null;
}

const listInput = z.object({ failedOnly: z.boolean().default(true), limit: z.number().int().min(1).max(1000).default(50) });

/**
 * The administrators' view of what did not reach its reader: given-up messages newest first,
 * then (unless `failedOnly`) those due and waiting, oldest first. `total` counts them all.
 */
export async function listUndelivered(ctx: Ctx, actor: Actor, raw: z.input<typeof listInput> = {}): Promise<{ total: number; messages: UndeliveredMessage[] }> {
  assertCan(actor, "outbox.manage");
  const input = parseInput(listInput, raw);
  const failed = eq(outbox.status, "failed");
  const where = input.failedOnly ? failed : or(failed, and(inArray(outbox.status, ["pending", "sending"]), lte(outbox.dueAt, ctx.clock.now())));
  const [total] = await ctx.db.select({ n: count() }).from(outbox).where(where);
  const rows = await ctx.db
    .select({ row: outbox, appealNumber: appeals.number, userId: users.id, role: users.role, name: users.fullName })
    .from(outbox)
    .leftJoin(users, eq(users.telegramId, outbox.chatId))
    .leftJoin(appeals, eq(appeals.id, outbox.appealId))
    .where(where)
    .orderBy(sql`${outbox.status} = 'failed' desc`, desc(outbox.failedAt), asc(outbox.dueAt), asc(outbox.id))
    .limit(input.limit);
  return {
    total: total?.n ?? 0,
    messages: rows.map(({ row, appealNumber, userId, role, name }) => ({
      id: row.id,
      state: row.status === "failed" ? "failed" : "waiting",
      kind: messageKind((row.payload as OutboxPayload).key),
      appealNumber,
      recipient: userId === null ? null : { userId, role: role as Role, staffName: role === "citizen" ? null : name },
      chatId: row.chatId,
      dueAt: row.dueAt,
      failedAt: row.failedAt,
      attempts: row.attempts,
      lastError: row.lastError,
    })),
  };
}

const retryInput = z.union([z.object({ id: z.number().int().positive() }), z.object({ all: z.literal(true) })]);

/**
 * Puts given-up messages back in the queue (one, or all of them) once their cause is fixed. Each
 * is due again now, with a fresh OUTBOX_GIVE_UP_HOURS to go out. Returns how many.
 */
export async function retryUndelivered(ctx: Ctx, actor: Actor, raw: z.input<typeof retryInput>): Promise<number> {
  assertCan(actor, "outbox.manage");
  const input = parseInput(retryInput, raw);
  const now = ctx.clock.now();
  const retried = await ctx.db
    .update(outbox)
    .set({ status: "pending", notBefore: now, dueAt: now, failedAt: null, claimedAt: null })
    .where(and(eq(outbox.status, "failed"), "id" in input ? eq(outbox.id, input.id) : undefined))
    .returning({ id: outbox.id });
  if ("id" in input && retried.length === 0) throw new DomainError("outbox_not_failed", { id: input.id });
  ctx.log.info({ actor: actor.userId, retried: retried.length }, "undelivered messages sent again");
  return retried.length;
}
