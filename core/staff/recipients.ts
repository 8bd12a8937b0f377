import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { users } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { realRowsOnly } from "../shared/demo.js";
import { DEFAULT_LANGUAGE, type Language, type Role } from "../shared/roles.js";

export interface StaffMember {
  id: number;
  telegramId: number;
  fullName: string | null;
  language: Language;
  clearance: boolean;
}

export interface StaffFilter {
  roles: readonly Role[];
  /** Only those who work in this unit. */
  unitId?: number;
}

/**
 * Who holds a role now: active, of one of the roles, in the unit when given. The sandbox's made-up
 * staff take part only in the sandbox, so production never notifies or assigns them.
 */
export function roleHoldersCondition(ctx: Pick<Ctx, "demo">, filter: StaffFilter): SQL | undefined {
  return and(
    eq(users.active, true),
    inArray(users.role, [...filter.roles]),
    filter.unitId === undefined ? undefined : eq(users.unitId, filter.unitId),
    realRowsOnly(ctx, users.demo),
  );
}

export async function roleHolders(ctx: Pick<Ctx, "demo">, db: DbOrTx, filter: StaffFilter): Promise<StaffMember[]> {
  const rows = await db
    .select({ id: users.id, telegramId: users.telegramId, fullName: users.fullName, language: users.language, clearance: users.clearance })
    .from(users)
    .where(roleHoldersCondition(ctx, filter))
    .orderBy(asc(users.id));
  return rows.map((r) => ({ ...r, language: (r.language as Language | null) ?? DEFAULT_LANGUAGE }));
}
