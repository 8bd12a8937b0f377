import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertMayAttempt } from "../shared/permissions.js";
import type { Actor, Role } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { APPEAL_CATEGORIES, type AppealCategory } from "./kinds.js";
import { registeredMembers } from "./group-members.js";
import { transition } from "./transition.js";
import { sectorOf, tellHolder } from "./holder-notice.js";

const HOLDER_ROLES: readonly Role[] = ["reviewer", "registrar", "deputy", "head"];

const input = z.object({
  appealId: z.number().int().positive(),
  category: z.enum(APPEAL_CATEGORIES),
  /** Who reviews it; the classifier holds it when no one is named. */
  holderUserId: z.number().int().positive().optional(),
});

/** Preliminary review (Reg. 7.1.5): the registrar sets the category and the appeal goes to review. */
export async function classifyAppeal(ctx: Ctx, actor: Actor, raw: z.input<typeof input>) {
  const { appealId, category, holderUserId } = parseInput(input, raw);
  assertMayAttempt(actor, "appeal.classify");
  if (holderUserId !== undefined) await checkHolder(ctx, holderUserId);
  return classify(ctx, actor, { appealId, category, holderUserId: holderUserId ?? actor.userId }, { withGroup: true });
}

/**
 * `withGroup`: a group's lead takes its members still waiting for the preliminary review along, in
 * the same transaction: the same category and holder, each its own event and notice; the holder is
 * told once.
 */
export async function classify(ctx: Ctx, actor: Actor, to: { appealId: number; category: AppealCategory; holderUserId: number }, { withGroup }: { withGroup: boolean }) {
  const { appealId, category, holderUserId } = to;
  let sector = "";
  return transition(ctx, actor, {
    appealId,
    action: "classify",
    permission: "appeal.classify",
    event: "classified",
    data: { category },
    update: { category, holderUserId },
    within: async (tx, appeal, eventId) => {
      sector = await sectorOf(tx, holderUserId, appeal.language);
      if (withGroup && holderUserId !== actor.userId) {
        await tellHolder(ctx, tx, holderUserId, `event:${eventId}:holder`, appeal.id, "staff.notice.assigned_to_you", { number: appeal.number, due: appeal.dueOn });
      }
      if (!withGroup) return;
      for (const member of await registeredMembers(tx, appeal)) await classify({ ...ctx, db: tx }, actor, { ...to, appealId: member.id }, { withGroup: false });
    },
    // Taken into review happens once: a returned draft goes back to review by another action.
    notify: () => ({ key: "appeal.notice.in_review", params: { sector } }),
  });
}

/** Only an active member of staff who drafts answers can hold an appeal. */
async function checkHolder(ctx: Ctx, userId: number): Promise<void> {
  const [holder] = await ctx.db.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, userId));
  if (!holder?.active || !HOLDER_ROLES.includes(holder.role as Role)) throw new DomainError("holder_invalid");
}
