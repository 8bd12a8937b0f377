import { eq } from "drizzle-orm";
import type { Ctx } from "../../core/shared/context.js";
import type { Actor, Role } from "../../core/shared/roles.js";
import { setUnitHead } from "../../core/control/heads.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { addUnit, unitByCode } from "../../core/staff/units.js";
import { users } from "../../db/schema/index.js";
import { staffMember } from "../support/citizens.js";

/** A member of staff with a name, in a unit. */
export async function staffIn(ctx: Ctx, telegramId: number, role: Role, fullName: string, unitId: number | null): Promise<Actor> {
  const actor = await staffMember(ctx, telegramId, role);
  await ctx.db.update(users).set({ fullName, unitId }).where(eq(users.id, actor.userId));
  return actor;
}

/** A JA unit under the Judicial Administration, and the Judicial Administration's head. */
export async function jaUnitWithHeads(ctx: Ctx, code: string, unitHead: Actor, jaHead: Actor): Promise<number> {
  const unit = await addUnit(ctx, CONSOLE_OPERATOR, { code, kind: "ja_unit", parentCode: "judicial_administration", nameKk: "Кадр қызметі", nameRu: "Кадровая служба" });
  await setUnitHead(ctx, CONSOLE_OPERATOR, { unitCode: code, userId: unitHead.userId });
  await setUnitHead(ctx, CONSOLE_OPERATOR, { unitCode: "judicial_administration", userId: jaHead.userId });
  return unit.id;
}

export async function unitId(ctx: Ctx, code: string): Promise<number> {
  return (await unitByCode(ctx.db, code))!.id;
}
