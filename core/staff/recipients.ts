import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { users } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { realRowsOnly } from "../shared/demo.js";
import { languageOf } from "../people/language.js";
import { type Language, type Role } from "../shared/roles.js";

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
  /** Only those cleared for documents for official use: a notice naming a ДСП item goes to no one else. */
  clearedOnly?: boolean;
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
    filter.clearedOnly ? eq(users.clearance, true) : undefined,
    realRowsOnly(ctx, users.demo),
  );
}

/** What a notice to a member of staff needs of their row. */
export const STAFF_MEMBER_COLUMNS = {
  id: users.id,
  telegramId: users.telegramId,
  fullName: users.fullName,
  language: users.language,
  seenLanguage: users.seenLanguage,
  clearance: users.clearance,
};

export function asStaffMember({ language, seenLanguage, ...row }: { id: number; telegramId: number; fullName: string | null; language: string | null; seenLanguage: string | null; clearance: boolean }): StaffMember {
  return { ...row, language: languageOf({ language, seenLanguage }) };
}

export async function roleHolders(ctx: Pick<Ctx, "demo">, db: DbOrTx, filter: StaffFilter): Promise<StaffMember[]> {
  const rows = await db.select(STAFF_MEMBER_COLUMNS).from(users).where(roleHoldersCondition(ctx, filter)).orderBy(asc(users.id));
  return rows.map(asStaffMember);
}
