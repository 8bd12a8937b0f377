import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { units, users } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";

/**
 * Who is told of overdue control items is data, not configuration: each unit may name its head,
 * and the head of a top-level JA unit (the Judicial Administration, seeded by the migration) is the
 * Head of JA.
 */
export async function headsOfJa(db: DbOrTx): Promise<number[]> {
  const rows = await db
    .select({ headUserId: units.headUserId })
    .from(units)
    .where(and(eq(units.kind, "ja_unit"), isNull(units.parentId), eq(units.active, true), isNotNull(units.headUserId)));
  return rows.map((r) => r.headUserId!);
}

/** The head of a unit, or of the nearest unit above it that names one (a sector without a head answers to its department). */
export async function unitHead(db: DbOrTx, unitId: number | null): Promise<number | null> {
  const seen = new Set<number>();
  for (let id = unitId; id !== null && !seen.has(id); ) {
    seen.add(id);
    const [unit] = await db.select({ parentId: units.parentId, headUserId: units.headUserId }).from(units).where(eq(units.id, id));
    if (!unit) return null;
    if (unit.headUserId !== null) return unit.headUserId;
    id = unit.parentId;
  }
  return null;
}

const setInput = z.object({ unitCode: z.string().trim().toLowerCase().min(2).max(40), userId: z.number().int().positive().nullable() });

/** An administrator names a unit's head (or clears it with null); the head must be active staff. */
export async function setUnitHead(ctx: Ctx, actor: Actor, raw: z.input<typeof setInput>): Promise<void> {
  assertCan(actor, "units.manage");
  const { unitCode, userId } = parseInput(setInput, raw);
  await ctx.db.transaction(async (tx) => {
    if (userId !== null) {
      const [person] = await tx.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, userId));
      if (!person?.active || person.role === "citizen") throw new DomainError("staff_not_found");
    }
    const [unit] = await tx.update(units).set({ headUserId: userId }).where(eq(units.code, unitCode)).returning({ id: units.id });
    if (!unit) throw new DomainError("unit_unknown", { code: unitCode });
  });
}
