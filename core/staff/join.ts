import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../db/client.js";
import { invites, units, users } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import type { Actor, Role } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { inviteCodeHash, INVITE_ALPHABET, INVITE_CODE_LENGTH, normalizeInviteCode } from "./invite-code.js";
import { assertMayTryCode, countWrongCode, forgetWrongCodes } from "./join-attempts.js";
import type { Unit } from "./units.js";

const input = z.object({
  code: z.string().max(40).transform(normalizeInviteCode),
  fullName: z.string().trim().min(1).max(200),
});

const WELL_FORMED = new RegExp(`^[${INVITE_ALPHABET}]{${INVITE_CODE_LENGTH}}$`);

type Invite = typeof invites.$inferSelect;

export interface Joined {
  actor: Actor;
  role: Role;
  unit: Unit;
}

/**
 * A person becomes staff with a one-time invite (DESIGN §1). Taking the invite is one conditional
 * update, so of two people using one code at the same moment exactly one gets it; the other is told
 * it is used. A deactivated person stays out, whatever code they hold. Wrong codes are counted: after
 * five in ten minutes the person waits, so codes cannot be guessed.
 */
export async function joinWithInvite(ctx: Ctx, actor: Actor, raw: z.input<typeof input>): Promise<Joined> {
  const { code, fullName } = parseInput(input, raw);
  if (!actor.active) throw new DomainError("staff_deactivated");
  if (actor.role !== "citizen") throw new DomainError("already_staff");
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx): Promise<{ refused: string } | { joined: Joined }> => {
    await assertMayTryCode(tx, actor.userId, now);
    const invite = WELL_FORMED.test(code) ? await takeInvite(tx, actor, inviteCodeHash(code), now) : "invite_unknown";
    if (typeof invite === "string") {
      // Committed with the count, so the refusal is thrown once the transaction is over.
      await countWrongCode(tx, actor.userId, now);
      return { refused: invite };
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
    await forgetWrongCodes(tx, actor.userId);
    ctx.log.info({ userId: actor.userId, inviteId: invite.id, role, unitId: unit.id }, "staff joined");
    return { joined: { actor: { ...actor, role, clearance: invite.clearance }, role, unit } };
  });
  if ("refused" in outcome) throw new DomainError(outcome.refused);
  return outcome.joined;
}

/** The invite behind a code, taken for this person; or why the code did not work. */
async function takeInvite(tx: Tx, actor: Actor, hash: string, now: Date): Promise<Invite | "invite_unknown" | "invite_used" | "invite_expired"> {
  const [invite] = await tx
    .update(invites)
    .set({ usedBy: actor.userId, usedAt: now })
    .where(and(eq(invites.codeSha256, hash), isNull(invites.usedBy), gt(invites.expiresAt, now)))
    .returning();
  if (invite) return invite;
  const [found] = await tx.select().from(invites).where(eq(invites.codeSha256, hash));
  if (!found) return "invite_unknown";
  return found.usedBy !== null ? "invite_used" : "invite_expired";
}
