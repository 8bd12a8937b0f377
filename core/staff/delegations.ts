import { and, asc, eq, gt, isNull, lte, lt } from "drizzle-orm";
import { roleHolders } from "./recipients.js";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { delegations, users } from "../../db/schema/index.js";
import { addDays, almatyOffset, type IsoDate } from "../calendar/dates.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { recordedUserId } from "./operator.js";

export type Delegation = typeof delegations.$inferSelect;

const setInput = z.object({
  deputyUserId: z.number().int().positive(),
  from: z.date(),
  to: z.date(),
});

/**
 * The Head's absence (Reg. 13–14): from `from` until `to` the deputy leads the Department and signs
 * in the Head's name. The Head names their deputy; an administrator may record it for them (there
 * must then be exactly one active Head). Periods never overlap, so at any moment at most one person
 * acts for the Head.
 */
export async function setActingHead(ctx: Ctx, actor: Actor, raw: z.input<typeof setInput>): Promise<Delegation> {
  assertCan(actor, "staff.delegate");
  const { deputyUserId, from, to } = parseInput(setInput, raw);
  if (to.getTime() <= from.getTime()) throw new DomainError("delegation_period_invalid");
  return ctx.db.transaction(async (tx) => {
    const headUserId = actor.role === "head" ? actor.userId : await theHead(ctx, tx);
    // The Head's row serialises delegations, so two overlapping periods cannot both pass the check.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, headUserId)).for("update");
    const [deputy] = await tx.select().from(users).where(eq(users.id, deputyUserId));
    if (!deputy || deputy.role !== "deputy" || !deputy.active) throw new DomainError("deputy_not_found");
    const [clash] = await tx
      .select({ id: delegations.id })
      .from(delegations)
      .where(and(isNull(delegations.revokedAt), lt(delegations.startsAt, to), gt(delegations.endsAt, from)))
      .limit(1);
    if (clash) throw new DomainError("delegation_overlap");
    const [row] = await tx
      .insert(delegations)
      .values({ headUserId, deputyUserId, startsAt: from, endsAt: to, createdBy: recordedUserId(actor), createdAt: ctx.clock.now() })
      .returning();
    ctx.log.info({ delegationId: row!.id, headUserId, deputyUserId, by: recordedUserId(actor) }, "acting head set");
    return row!;
  });
}

async function theHead(ctx: Ctx, db: DbOrTx): Promise<number> {
  const heads = await roleHolders(ctx, db, { roles: ["head"] });
  if (heads.length !== 1) throw new DomainError("head_not_found");
  return heads[0]!.id;
}

const revokeInput = z.object({ delegationId: z.number().int().positive() });

/** Cancels a delegation (the Head is back early, or it was a mistake); the row stays as the record. */
export async function revokeDelegation(ctx: Ctx, actor: Actor, raw: z.input<typeof revokeInput>): Promise<Delegation> {
  assertCan(actor, "staff.delegate");
  const { delegationId } = parseInput(revokeInput, raw);
  const [row] = await ctx.db
    .update(delegations)
    .set({ revokedAt: ctx.clock.now() })
    .where(
      and(
        eq(delegations.id, delegationId),
        isNull(delegations.revokedAt),
        // A Head revokes only their own; an administrator any.
        ...(actor.role === "head" ? [eq(delegations.headUserId, actor.userId)] : []),
      ),
    )
    .returning();
  if (!row) throw new DomainError("delegation_not_found");
  ctx.log.info({ delegationId, by: recordedUserId(actor) }, "acting head revoked");
  return row;
}

/** The delegation in force at `at`, or null. */
export async function activeDelegation(db: DbOrTx, at: Date): Promise<Delegation | null> {
  const [row] = await db
    .select()
    .from(delegations)
    .where(and(isNull(delegations.revokedAt), lte(delegations.startsAt, at), gt(delegations.endsAt, at)))
    .limit(1);
  return row ?? null;
}

export interface DelegationListed extends Delegation {
  headName: string | null;
  deputyName: string | null;
  deputyTelegramId: number;
}

/** Delegations not yet over and not revoked, the earliest first. */
export async function listDelegations(ctx: Ctx, actor: Actor): Promise<DelegationListed[]> {
  assertCan(actor, "staff.delegate");
  const head = alias(users, "head");
  const deputy = alias(users, "deputy");
  const rows = await ctx.db
    .select({ delegation: delegations, headName: head.fullName, deputyName: deputy.fullName, deputyTelegramId: deputy.telegramId })
    .from(delegations)
    .innerJoin(head, eq(head.id, delegations.headUserId))
    .innerJoin(deputy, eq(deputy.id, delegations.deputyUserId))
    .where(and(isNull(delegations.revokedAt), gt(delegations.endsAt, ctx.clock.now())))
    .orderBy(asc(delegations.startsAt));
  return rows.map(({ delegation, ...names }) => ({ ...delegation, ...names }));
}

/** Whole Almaty days: from the start of `from` to the end of `to` (the start of the day after). */
export function periodOfDays(from: IsoDate, to: IsoDate): { from: Date; to: Date } {
  return { from: almatyDayStart(from), to: almatyDayStart(addDays(to, 1)) };
}

function almatyDayStart(date: IsoDate): Date {
  return new Date(`${date}T00:00:00${almatyOffset(date)}`);
}

/** The user id of a person known to the bot by Telegram id, for the console. */
export async function userIdByTelegramId(db: DbOrTx, telegramId: number): Promise<number | null> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, telegramId));
  return row?.id ?? null;
}
