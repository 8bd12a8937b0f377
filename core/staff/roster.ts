import { and, asc, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { units, users } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { realRowsOnly } from "../shared/demo.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import { STAFF_ROLES, type Actor, type Role } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { unitByCode } from "./units.js";

export interface StaffListed {
  userId: number;
  telegramId: number;
  name: string;
  role: Role;
  unitCode: string | null;
  unitKk: string | null;
  unitRu: string | null;
}

const filterInput = z.object({ role: z.enum(STAFF_ROLES as [Role, ...Role[]]).optional(), unitCode: z.string().trim().min(1).optional() });

/** Active staff by unit and name, for the administrator who manages them; a role or a unit narrows it. */
export async function activeStaff(ctx: Ctx, actor: Actor, raw: z.input<typeof filterInput> = {}): Promise<StaffListed[]> {
  assertCan(actor, "staff.deactivate");
  const { role, unitCode } = parseInput(filterInput, raw);
  const unit = unitCode === undefined ? undefined : await unitByCode(ctx.db, unitCode);
  if (unitCode !== undefined && !unit) throw new DomainError("unit_unknown", { code: unitCode });
  const rows = await ctx.db
    .select({ userId: users.id, telegramId: users.telegramId, name: users.fullName, role: users.role, unitCode: units.code, unitKk: units.nameKk, unitRu: units.nameRu })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(and(ne(users.role, "citizen"), eq(users.active, true), realRowsOnly(ctx, users.demo), role ? eq(users.role, role) : undefined, unit ? eq(users.unitId, unit.id) : undefined))
    .orderBy(asc(units.id), asc(users.fullName), asc(users.id));
  return rows.map((r) => ({ ...r, name: r.name ?? `#${r.userId}`, role: r.role as Role }));
}

/** The member of staff behind a Telegram id, active or not, for an operator who knows only that. */
export async function staffByTelegramId(ctx: Ctx, actor: Actor, telegramId: number): Promise<{ userId: number; name: string; active: boolean }> {
  assertCan(actor, "staff.deactivate");
  const [row] = await ctx.db.select({ userId: users.id, name: users.fullName, role: users.role, active: users.active }).from(users).where(eq(users.telegramId, telegramId));
  if (!row || row.role === "citizen") throw new DomainError("staff_not_found");
  return { userId: row.userId, name: row.name ?? `#${row.userId}`, active: row.active };
}
