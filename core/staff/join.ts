import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { invites, units, users } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import type { Actor, Role } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { inviteCodeHash, INVITE_ALPHABET, INVITE_CODE_LENGTH, normalizeInviteCode } from "./invite-code.js";
import type { Unit } from "./units.js";

const input = z.object({
  code: z.string().max(40).transform(normalizeInviteCode),
  fullName: z.string().trim().min(1).max(200),
});

const WELL_FORMED = new RegExp(`^[${INVITE_ALPHABET}]{${INVITE_CODE_LENGTH}}$`);

export interface Joined {
  actor: Actor;
  role: Role;
  unit: Unit;
}

/**
 * A person becomes staff with a one-time invite (DESIGN §1). Taking the invite is one conditional
 * update, so of two people using one code at the same moment exactly one gets it; the other is told
 * it is used. A deactivated person stays out, whatever code they hold.
 */
export async function joinWithInvite(ctx: Ctx, actor: Actor, raw: z.input<typeof input>): Promise<Joined> {
  const { code, fullName } = parseInput(input, raw);
  if (!actor.active) throw new DomainError("staff_deactivated");
  if (actor.role !== "citizen") throw new DomainError("already_staff");
  if (!WELL_FORMED.test(code)) throw new DomainError("invite_unknown");
  const hash = inviteCodeHash(code);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [invite] = await tx
      .update(invites)
      .set({ usedBy: actor.userId, usedAt: now })
      .where(and(eq(invites.codeSha256, hash), isNull(invites.usedBy), gt(invites.expiresAt, now)))
      .returning();
    if (!invite) {
      const [found] = await tx.select().from(invites).where(eq(invites.codeSha256, hash));
      if (!found) throw new DomainError("invite_unknown");
      throw new DomainError(found.usedBy !== null ? "invite_used" : "invite_expired");
    }
    const [unit] = await tx.select().from(units).where(eq(units.id, invite.unitId));
    if (!unit?.active) throw new DomainError("invite_unknown");
    const role = invite.role as Role;
    // Re-checked on the row itself: a deactivation or another join in between wins.
    const [updated] = await tx
      .update(users)
      .set({ role, unitId: unit.id, clearance: invite.clearance, fullName })
      .where(and(eq(users.id, actor.userId), eq(users.active, true), eq(users.role, "citizen")))
      .returning({ id: users.id });
    if (!updated) throw new DomainError("already_staff");
    ctx.log.info({ userId: actor.userId, inviteId: invite.id, role, unitId: unit.id }, "staff joined");
    return { actor: { ...actor, role, clearance: invite.clearance }, role, unit };
  });
}
