import { asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { appealEvents, appeals, users } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseAppealNumber } from "./appeal-number.js";

export interface AuditLine {
  at: Date;
  kind: string;
  actor: { userId: number; role: string; name: string | null } | null;
  authority: { userId: number; name: string | null } | null;
  from: string | null;
  to: string | null;
  comment: string | null;
  data: unknown;
}

const authority = alias(users, "authority");

/** The whole trail of one appeal, who did what on whose authority, for an audit (DESIGN §2). */
export async function auditTrail(ctx: Ctx, actor: Actor, number: string): Promise<{ number: string; lines: AuditLine[] }> {
  assertCan(actor, "appeal.audit");
  const parsed = parseAppealNumber(number);
  const [appeal] = parsed ? await ctx.db.select({ id: appeals.id, number: appeals.number, restricted: appeals.restricted }).from(appeals).where(eq(appeals.number, parsed)) : [];
  if (!appeal) throw new DomainError("appeal_not_found");
  if (appeal.restricted && !actor.clearance) throw new DomainError("clearance_required");
  const rows = await ctx.db
    .select({ event: appealEvents, actor: users, authority })
    .from(appealEvents)
    .leftJoin(users, eq(users.id, appealEvents.actorUserId))
    .leftJoin(authority, eq(authority.id, appealEvents.authorityUserId))
    .where(eq(appealEvents.appealId, appeal.id))
    .orderBy(asc(appealEvents.id));
  return {
    number: appeal.number,
    lines: rows.map(({ event, actor: who, authority: on }) => ({
      at: event.at,
      kind: event.kind,
      // A citizen is named by role only: the trail is for staff and auditors, not a list of people.
      actor: who ? { userId: who.id, role: who.role, name: who.role === "citizen" ? null : who.fullName } : null,
      authority: on ? { userId: on.id, name: on.fullName } : null,
      from: event.fromState,
      to: event.toState,
      // What a citizen wrote is appeal text: the trail says that it happened, not what it said.
      comment: who?.role === "citizen" ? null : event.comment,
      data: event.data,
    })),
  };
}
