import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { officials } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { assertDemoAllowed, realRowsOnly } from "../shared/demo.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor, Language } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";

export type Official = typeof officials.$inferSelect;

const text = z.string().trim().min(2).max(300);
const rules = {
  bookingWindowDays: z.number().int().min(1).max(366),
  minNoticeHours: z.number().int().min(0).max(24 * 30),
  directBooking: z.boolean(),
};
const officialInput = z.object({
  nameKk: text,
  nameRu: text,
  titleKk: text,
  titleRu: text,
  placeKk: text,
  placeRu: text,
  ...rules,
  demo: z.boolean().default(false),
});

/** A new official who receives citizens (Reg. 7.3.1); the schedule comes next. */
export async function addOfficial(ctx: Ctx, actor: Actor, raw: z.input<typeof officialInput>): Promise<Official> {
  const input = parseInput(officialInput, raw);
  assertCan(actor, "reception.schedule");
  assertDemoAllowed(ctx, input.demo);
  const [row] = await ctx.db.insert(officials).values({ ...input, createdAt: ctx.clock.now() }).returning();
  return row!;
}

const rulesInput = z.object({ officialId: z.number().int().positive(), ...rules, active: z.boolean() }).partial({ bookingWindowDays: true, minNoticeHours: true, directBooking: true, active: true });

/** Changes the booking window, the notice, direct booking or whether the official receives at all. */
export async function setOfficialRules(ctx: Ctx, actor: Actor, raw: z.input<typeof rulesInput>): Promise<Official> {
  const { officialId, ...change } = parseInput(rulesInput, raw);
  assertCan(actor, "reception.schedule");
  const [row] = await ctx.db.update(officials).set(change).where(eq(officials.id, officialId)).returning();
  if (!row) throw new DomainError("reception_official_unknown");
  return row;
}

/** Officials citizens may ask to see, in a stable order; the sandbox's made-up ones only in the sandbox. */
export async function activeOfficials(ctx: Pick<Ctx, "db" | "demo">): Promise<Official[]> {
  return ctx.db
    .select()
    .from(officials)
    .where(and(eq(officials.active, true), realRowsOnly(ctx, officials.demo)))
    .orderBy(asc(officials.id));
}

export async function officialById(db: DbOrTx, officialId: number, onlyActive = true): Promise<Official> {
  const [row] = await db
    .select()
    .from(officials)
    .where(onlyActive ? and(eq(officials.id, officialId), eq(officials.active, true)) : eq(officials.id, officialId));
  if (!row) throw new DomainError("reception_official_unknown");
  return row;
}

/** Officials' names exist in Kazakh and Russian; English readers get the Russian form. */
export function officialLabel(official: Official, language: Language): { name: string; title: string; place: string } {
  return language === "kk"
    ? { name: official.nameKk, title: official.titleKk, place: official.placeKk }
    : { name: official.nameRu, title: official.titleRu, place: official.placeRu };
}
