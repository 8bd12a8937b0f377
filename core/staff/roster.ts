import { and, asc, eq, ne } from "drizzle-orm";
import { units, users } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { realRowsOnly } from "../shared/demo.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor, Role } from "../shared/roles.js";

export interface StaffListed {
  userId: number;
  name: string;
  role: Role;
  unitKk: string | null;
  unitRu: string | null;
}

/** Active staff by unit and name, for the administrator who manages them. */
export async function activeStaff(ctx: Ctx, actor: Actor): Promise<StaffListed[]> {
  assertCan(actor, "staff.deactivate");
  const rows = await ctx.db
    .select({ userId: users.id, name: users.fullName, role: users.role, unitKk: units.nameKk, unitRu: units.nameRu })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(and(ne(users.role, "citizen"), eq(users.active, true), realRowsOnly(ctx, users.demo)))
    .orderBy(asc(units.id), asc(users.fullName), asc(users.id));
  return rows.map((r) => ({ ...r, name: r.name ?? `#${r.userId}`, role: r.role as Role }));
}
