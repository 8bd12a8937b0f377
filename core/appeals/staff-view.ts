import { and, asc, eq, isNull } from "drizzle-orm";
import { appeals } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan, can } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseAppealNumber } from "./appeal-number.js";

/** Open appeals by deadline, for staff, paged in chat; restricted ones only with clearance. Past the limit, /find narrows it down. */
export async function openAppeals(ctx: Ctx, actor: Actor, limit = 1_000) {
  assertCan(actor, "staff.menu");
  // Reviewers and executors see what they hold; the registry, reception and the Head see all.
  const all = can(actor, "appeal.staff_view", {});
  return ctx.db
    .select({ id: appeals.id, number: appeals.number, state: appeals.state, dueOn: appeals.dueOn })
    .from(appeals)
    .where(
      and(
        isNull(appeals.closedAt),
        actor.clearance ? undefined : eq(appeals.restricted, false),
        all ? undefined : eq(appeals.holderUserId, actor.userId),
      ),
    )
    .orderBy(asc(appeals.dueOn), asc(appeals.id))
    .limit(limit);
}

/** The id behind a registration number, for staff typing it. */
export async function appealIdByNumber(ctx: Ctx, actor: Actor, number: string): Promise<number> {
  assertCan(actor, "staff.menu");
  const parsed = parseAppealNumber(number);
  if (!parsed) throw new DomainError("appeal_not_found");
  const [row] = await ctx.db.select({ id: appeals.id }).from(appeals).where(eq(appeals.number, parsed));
  if (!row) throw new DomainError("appeal_not_found");
  return row.id;
}
