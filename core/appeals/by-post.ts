import { and, asc, count, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { appeals, byPost } from "../../db/schema/index.js";
import type { CitizenProfile } from "../citizens/profile.js";
import type { UnreachableReason } from "../outbox/delivery.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan, assertMayAttempt } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { appendEvent } from "./events.js";

/** An appeal whose citizen could not be reached in chat: its sector sends the answer by post. */
export interface ByPostItem {
  appealId: number;
  number: string;
  /** The applicant as submitted: a person's name, or the organisation with its representative. */
  addressee: string;
  postalAddress: string | null;
  reason: UnreachableReason;
  recordedAt: Date;
}

/** How many appeals one look shows; the rest follow as these are done. */
export const BY_POST_PAGE = 10;

/** The oldest first; appeals for official use only to staff cleared for them. */
export async function byPostQueue(ctx: Ctx, actor: Actor): Promise<{ items: ByPostItem[]; total: number }> {
  assertCan(actor, "appeal.by_post");
  const visible = and(isNull(byPost.clearedAt), actor.clearance ? undefined : eq(appeals.restricted, false));
  const rows = await ctx.db
    .select({
      appealId: appeals.id,
      number: appeals.number,
      applicant: appeals.applicant,
      postalAddress: appeals.postalAddress,
      reason: byPost.reason,
      recordedAt: byPost.recordedAt,
    })
    .from(byPost)
    .innerJoin(appeals, eq(appeals.id, byPost.appealId))
    .where(visible)
    .orderBy(asc(byPost.recordedAt), asc(byPost.id))
    .limit(BY_POST_PAGE);
  const [all] = await ctx.db.select({ n: count() }).from(byPost).innerJoin(appeals, eq(appeals.id, byPost.appealId)).where(visible);
  const items = rows.map(({ applicant, reason, ...row }) => {
    const profile = applicant as CitizenProfile;
    return { ...row, reason: reason as UnreachableReason, addressee: profile.organization ? `${profile.organization}, ${profile.fullName}` : profile.fullName };
  });
  return { items, total: all?.n ?? 0 };
}

const sentInput = z.object({ appealId: z.number().int().positive() });

/** The answer went by post: the appeal leaves the list, and its trail says who sent it and when. */
export async function markSentByPost(ctx: Ctx, actor: Actor, raw: z.input<typeof sentInput>): Promise<{ number: string }> {
  const { appealId } = parseInput(sentInput, raw);
  assertMayAttempt(actor, "appeal.by_post");
  return ctx.db.transaction(async (tx) => {
    const [appeal] = await tx.select({ number: appeals.number, restricted: appeals.restricted }).from(appeals).where(eq(appeals.id, appealId));
    if (!appeal) throw new DomainError("appeal_not_found");
    assertCan(actor, "appeal.by_post", { restricted: appeal.restricted });
    const [cleared] = await tx
      .update(byPost)
      .set({ clearedAt: ctx.clock.now(), clearedBy: actor.userId })
      .where(and(eq(byPost.appealId, appealId), isNull(byPost.clearedAt)))
      .returning({ reason: byPost.reason });
    if (!cleared) throw new DomainError("by_post_already_sent");
    await appendEvent(ctx, tx, { appealId, actor, kind: "sent_by_post", data: { reason: cleared.reason } });
    return { number: appeal.number };
  });
}
