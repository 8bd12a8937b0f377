import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { units } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertDemoAllowed } from "../shared/demo.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor, Language } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";

/** `administration` is the Judicial Administration itself: its head is the Head of JA; appeals are not forwarded to it. */
export const UNIT_KINDS = ["administration", "department", "sector", "ja_unit", "external_body"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export type Unit = typeof units.$inferSelect;

const code = z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9_]{1,39}$/);
const name = z.string().trim().min(2).max(300);

/** The unit's name for a reader of `language`; English readers get the Russian name (no English names are kept). */
export function unitName(unit: Pick<Unit, "nameKk" | "nameRu">, language: Language): string {
  return language === "kk" ? unit.nameKk : unit.nameRu;
}

export async function unitByCode(db: DbOrTx, unitCode: string): Promise<Unit | undefined> {
  const [row] = await db.select().from(units).where(eq(units.code, unitCode.trim().toLowerCase()));
  return row;
}

/** Every unit, active ones and the rest, in the order they were added. */
export async function listUnits(ctx: Ctx, actor: Actor): Promise<Unit[]> {
  assertCan(actor, "units.manage");
  return ctx.db.select().from(units).orderBy(asc(units.id));
}

const addInput = z.object({ code, kind: z.enum(UNIT_KINDS), parentCode: code.optional(), nameKk: name, nameRu: name, demo: z.boolean().default(false) });

export async function addUnit(ctx: Ctx, actor: Actor, raw: z.input<typeof addInput>): Promise<Unit> {
  assertCan(actor, "units.manage");
  const input = parseInput(addInput, raw);
  assertDemoAllowed(ctx, input.demo);
  return ctx.db.transaction(async (tx) => {
    let parentId: number | null = null;
    if (input.parentCode !== undefined) {
      const parent = await unitByCode(tx, input.parentCode);
      if (!parent?.active) throw new DomainError("unit_unknown", { code: input.parentCode });
      parentId = parent.id;
    }
    const [row] = await tx
      .insert(units)
      .values({ code: input.code, kind: input.kind, parentId, nameKk: input.nameKk, nameRu: input.nameRu, demo: input.demo })
      .onConflictDoNothing({ target: units.code })
      .returning();
    if (!row) throw new DomainError("unit_code_taken", { code: input.code });
    return row;
  });
}

const renameInput = z.object({ code, nameKk: name.optional(), nameRu: name.optional() });

export async function renameUnit(ctx: Ctx, actor: Actor, raw: z.input<typeof renameInput>): Promise<Unit> {
  assertCan(actor, "units.manage");
  const input = parseInput(renameInput, raw);
  if (input.nameKk === undefined && input.nameRu === undefined) throw new DomainError("invalid_input");
  const [row] = await ctx.db
    .update(units)
    .set({ ...(input.nameKk !== undefined && { nameKk: input.nameKk }), ...(input.nameRu !== undefined && { nameRu: input.nameRu }) })
    .where(eq(units.code, input.code))
    .returning();
  if (!row) throw new DomainError("unit_unknown", { code: input.code });
  return row;
}

const codeInput = z.object({ code });

/** No new invites go to a deactivated unit; people already in it stay until deactivated themselves. */
export async function deactivateUnit(ctx: Ctx, actor: Actor, raw: z.input<typeof codeInput>): Promise<Unit> {
  assertCan(actor, "units.manage");
  const input = parseInput(codeInput, raw);
  const [row] = await ctx.db.update(units).set({ active: false }).where(eq(units.code, input.code)).returning();
  if (!row) throw new DomainError("unit_unknown", { code: input.code });
  return row;
}
