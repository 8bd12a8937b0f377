import { asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { appeals } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan, can } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";

/** Open appeals by deadline, for staff; restricted ones only with clearance. */
export async function openAppeals(ctx: Ctx, actor: Actor, limit = 20) {
  assertCan(actor, "staff.menu");
  assertCan(actor, "appeal.read", {});
  const rows = await ctx.db
    .select({ id: appeals.id, number: appeals.number, state: appeals.state, dueOn: appeals.dueOn, restricted: appeals.restricted })
    .from(appeals)
    .where(isNull(appeals.closedAt))
    .orderBy(asc(appeals.dueOn), asc(appeals.id))
    .limit(limit);
  return rows.filter((r) => can(actor, "appeal.read", { restricted: r.restricted }));
}

const numberInput = z.string().trim().toUpperCase().regex(/^(ЖТ|ЗТ)-\d{4}-\d{6}$/);

/** The id behind a registration number, for staff typing it. */
export async function appealIdByNumber(ctx: Ctx, actor: Actor, number: string): Promise<number> {
  assertCan(actor, "staff.menu");
  const parsed = numberInput.safeParse(number);
  if (!parsed.success) throw new DomainError("appeal_not_found");
  const [row] = await ctx.db.select({ id: appeals.id }).from(appeals).where(eq(appeals.number, parseInput(numberInput, parsed.data)));
  if (!row) throw new DomainError("appeal_not_found");
  return row.id;
}
