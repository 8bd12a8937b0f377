import { and, asc, count, eq, inArray, isNotNull, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { appeals, byPost } from "../../db/schema/index.js";
import type { CitizenProfile } from "../citizens/profile.js";
import type { UnreachableReason } from "../outbox/delivery.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan, assertMayAttempt } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { appendEvent } from "./events.js";

/** Why an answer goes by post: the citizen could not be reached in chat, or a paper appeal's applicant never linked it. */
export type ByPostReason = UnreachableReason | "paper";

/** An appeal whose answer its sector sends by post. */
export interface ByPostItem {
  appealId: number;
  number: string;
  /** The applicant as submitted: a person's name, or the organisation with its representative. */
  addressee: string;
  postalAddress: string | null;
  reason: ByPostReason;
  recordedAt: Date;
}

/** How many appeals one look shows; the rest follow as these are done. */
export const BY_POST_PAGE = 10;

/**
 * A paper or e-mailed appeal closed while its answer still goes by post (nobody linked it in
 * Telegram before): on the list until it is marked sent after its latest closing.
 */
const paperAwaitingPost = and(
  ne(appeals.channel, "telegram"),
  eq(appeals.replyChannel, "post"),
  isNotNull(appeals.closedAt),
  inArray(appeals.state, ["answered", "left_without_review", "forwarded_external"]),
  sql`not exists (select 1 from appeal_events e where e.appeal_id = ${appeals.id} and e.kind = 'sent_by_post' and e.at >= ${appeals.closedAt})`,
);

const addresseeOf = (applicant: unknown): string => {
  const profile = applicant as CitizenProfile;
  return profile.organization ? `${profile.organization}, ${profile.fullName}` : profile.fullName;
};

/** The oldest first; appeals for official use only to staff cleared for them. */
export async function byPostQueue(ctx: Ctx, actor: Actor): Promise<{ items: ByPostItem[]; total: number }> {
  assertCan(actor, "appeal.by_post");
  const cleared = actor.clearance ? undefined : eq(appeals.restricted, false);
  const visible = and(isNull(byPost.clearedAt), cleared);
  const paper = and(paperAwaitingPost, cleared);
  const fields = { appealId: appeals.id, number: appeals.number, applicant: appeals.applicant, postalAddress: appeals.postalAddress };
  const [unreachable, unlinked, [all], [allPaper]] = await Promise.all([
    ctx.db
      .select({ ...fields, reason: byPost.reason, recordedAt: byPost.recordedAt })
      .from(byPost)
      .innerJoin(appeals, eq(appeals.id, byPost.appealId))
      .where(visible)
      .orderBy(asc(byPost.recordedAt), asc(byPost.id))
      .limit(BY_POST_PAGE),
    ctx.db
      .select({ ...fields, recordedAt: appeals.closedAt })
      .from(appeals)
      .where(paper)
      .orderBy(asc(appeals.closedAt), asc(appeals.id))
      .limit(BY_POST_PAGE),
    ctx.db.select({ n: count() }).from(byPost).innerJoin(appeals, eq(appeals.id, byPost.appealId)).where(visible),
    ctx.db.select({ n: count() }).from(appeals).where(paper),
  ]);
  const items: ByPostItem[] = [
    ...unreachable.map(({ applicant, reason, ...row }) => ({ ...row, reason: reason as UnreachableReason, addressee: addresseeOf(applicant) })),
    ...unlinked.map(({ applicant, recordedAt, ...row }) => ({ ...row, reason: "paper" as const, recordedAt: recordedAt!, addressee: addresseeOf(applicant) })),
  ];
  items.sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime());
  return { items: items.slice(0, BY_POST_PAGE), total: (all?.n ?? 0) + (allPaper?.n ?? 0) };
}

const sentInput = z.object({ appealId: z.number().int().positive() });

/** The answer went by post: the appeal leaves the list, and its trail says who sent it and when. */
export async function markSentByPost(ctx: Ctx, actor: Actor, raw: z.input<typeof sentInput>): Promise<{ number: string }> {
  const { appealId } = parseInput(sentInput, raw);
  assertMayAttempt(actor, "appeal.by_post");
  return ctx.db.transaction(async (tx) => {
    // Locked: two taps at once mark it once.
    const [appeal] = await tx.select({ number: appeals.number, restricted: appeals.restricted }).from(appeals).where(eq(appeals.id, appealId)).for("update");
    if (!appeal) throw new DomainError("appeal_not_found");
    assertCan(actor, "appeal.by_post", { restricted: appeal.restricted });
    const [cleared] = await tx
      .update(byPost)
      .set({ clearedAt: ctx.clock.now(), clearedBy: actor.userId })
      .where(and(eq(byPost.appealId, appealId), isNull(byPost.clearedAt)))
      .returning({ reason: byPost.reason });
    const reason = cleared?.reason ?? (await awaitsPaperPost(tx, appealId) ? "paper" : null);
    if (!reason) throw new DomainError("by_post_already_sent");
    await appendEvent(ctx, tx, { appealId, actor, kind: "sent_by_post", data: { reason } });
    return { number: appeal.number };
  });
}

async function awaitsPaperPost(db: DbOrTx, appealId: number): Promise<boolean> {
  const [row] = await db.select({ id: appeals.id }).from(appeals).where(and(eq(appeals.id, appealId), paperAwaitingPost));
  return row !== undefined;
}
