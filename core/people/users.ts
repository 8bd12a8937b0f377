import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { users } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { assertDemoAllowed } from "../shared/demo.js";
import { LANGUAGES, type Actor, type Language, type Role } from "../shared/roles.js";
import { guessLanguage, languageOf } from "./language.js";
import { parseInput } from "../shared/validate.js";
import { activeDelegation } from "../staff/delegations.js";

export type UserRow = typeof users.$inferSelect;

function toActor(row: UserRow, actingForUserId: number | null = null): Actor {
  return {
    userId: row.id,
    telegramId: row.telegramId,
    role: row.role as Role,
    active: row.active,
    clearance: row.clearance,
    language: languageOf(row),
    actingForUserId,
  };
}

export const identifyInput = z.object({ telegramId: z.number().int().positive(), languageCode: z.string().optional() });

/** The person behind an update, created on first contact. One query for everyone seen before. */
export async function identify(ctx: Ctx, input: z.input<typeof identifyInput>): Promise<Actor & { languageChosen: boolean }> {
  const { telegramId, languageCode } = parseInput(identifyInput, input);
  const [found] = await ctx.db.select().from(users).where(eq(users.telegramId, telegramId));
  return identified(ctx, await contacted(ctx, found, { telegramId, languageCode }));
}

/**
 * A person's row (`found`, if there was one) brought up to date with this contact: written on first
 * contact; the language Telegram reports for them remembered once, if it was not known.
 */
export async function contacted(ctx: Ctx, found: UserRow | undefined, { telegramId, languageCode }: { telegramId: number; languageCode?: string }): Promise<UserRow> {
  const seenLanguage = languageCode === undefined ? null : guessLanguage(languageCode);
  let row = found;
  if (!row) {
    await ctx.db.insert(users).values({ telegramId, seenLanguage, createdAt: ctx.clock.now() }).onConflictDoNothing();
    [row] = await ctx.db.select().from(users).where(eq(users.telegramId, telegramId));
  } else if (row.seenLanguage === null && seenLanguage !== null) {
    // Known from before this was kept, or first seen without a language: remembered once.
    [row] = await ctx.db.update(users).set({ seenLanguage }).where(eq(users.id, row.id)).returning();
  }
  if (!row) throw new Error(`user ${telegramId} vanished right after insert`);
  return row;
}

/** A person's row as the actor of an update, with whether they chose their language yet. */
export async function identified(ctx: Ctx, row: UserRow): Promise<Actor & { languageChosen: boolean }> {
  return { ...toActor(row, await actingFor(ctx, row)), languageChosen: row.language !== null };
}

/**
 * Someone who has used the bot, as they act now, found by Telegram id without creating anyone:
 * the console acts in a named staff member's name when the work is theirs (a journal line).
 */
export async function actorByTelegramId(ctx: Ctx, telegramId: number): Promise<Actor | null> {
  const [row] = await ctx.db.select().from(users).where(eq(users.telegramId, telegramId));
  return row ? toActor(row, await actingFor(ctx, row)) : null;
}

/** The same, by our own id: a job acting on what a person may read. */
export async function actorByUserId(ctx: Ctx, userId: number): Promise<Actor | null> {
  const [row] = await ctx.db.select().from(users).where(eq(users.id, userId));
  return row ? toActor(row, await actingFor(ctx, row)) : null;
}

/** The Head an active deputy stands in for now (Reg. 13–14); one more query, for deputies only. */
async function actingFor(ctx: Ctx, row: UserRow): Promise<number | null> {
  if (row.role !== "deputy" || !row.active) return null;
  const delegation = await activeDelegation(ctx.db, ctx.clock.now());
  return delegation?.deputyUserId === row.id ? delegation.headUserId : null;
}

const languageInput = z.enum(LANGUAGES);

/** The language every message to this person is written in, from now on. */
export async function setLanguage(ctx: Ctx, db: DbOrTx, actor: Actor, language: Language): Promise<Actor> {
  const lang = parseInput(languageInput, language);
  await db.update(users).set({ language: lang }).where(eq(users.id, actor.userId));
  return { ...actor, language: lang };
}

/** The first administrators come from configuration (DESIGN §1); the rest join by invite. */
export async function grantConfiguredAdmins(ctx: Ctx, telegramIds: readonly number[]): Promise<void> {
  if (telegramIds.length === 0) return;
  const now = ctx.clock.now();
  await ctx.db
    .insert(users)
    .values(telegramIds.map((telegramId) => ({ telegramId, role: "admin" as const, createdAt: now })))
    .onConflictDoNothing();
  await ctx.db.update(users).set({ role: "admin" }).where(inArray(users.telegramId, [...telegramIds]));
}

/**
 * Sets people's roles (and staff names) by Telegram id, for the sandbox's demo staff and for tests;
 * real staff join by invite.
 */
export async function assignRoles(
  ctx: Ctx,
  assignments: readonly { telegramId: number; role: Role; fullName: string; unitId?: number | null; demo?: boolean }[],
): Promise<void> {
  const now = ctx.clock.now();
  for (const { telegramId, role, fullName, unitId = null, demo = false } of assignments) {
    assertDemoAllowed(ctx, demo);
    const staffName = role === "citizen" ? null : fullName;
    await ctx.db
      .insert(users)
      .values({ telegramId, role, fullName: staffName, unitId, demo, createdAt: now })
      .onConflictDoUpdate({ target: users.telegramId, set: { role, fullName: staffName, unitId, demo } });
  }
}
