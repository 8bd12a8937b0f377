import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx, Tx } from "../../db/client.js";
import { appealAnswers, appeals } from "../../db/schema/index.js";
import { enqueue } from "../outbox/enqueue.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertMayAttempt } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { currentApprovers } from "../staff/approvers.js";
import { activeDelegation } from "../staff/delegations.js";
import { APPEAL_CATEGORIES, DECISION_OUTCOMES } from "./kinds.js";
import { languageOf } from "../people/language.js";
import { transition } from "./transition.js";
import { answerGroup, type GroupAnswered } from "./group-approval.js";
import { signApproval } from "./sign-approval.js";
import { assertDraftsOnLead } from "./group-members.js";
import { tellHolder } from "./holder-notice.js";

const draftInput = z.object({
  appealId: z.number().int().positive(),
  text: z.string().trim().min(1).max(10_000),
  outcome: z.enum(DECISION_OUTCOMES),
  /** Set when the registrar proposes leaving it without review at the preliminary review. */
  category: z.enum(APPEAL_CATEGORIES).optional(),
});

/**
 * A draft answer, or a reasoned decision to leave the appeal without review, goes to the approver.
 * Straight from registration only the decision may go: an answer needs the preliminary review first.
 */
export async function submitDraft(ctx: Ctx, actor: Actor, raw: z.input<typeof draftInput>) {
  const { appealId, text, outcome, category } = parseInput(draftInput, raw);
  return transition(ctx, actor, {
    update: category ? { category } : undefined,
    appealId,
    action: "submit_draft",
    permission: "appeal.draft",
    event: "draft_submitted",
    data: { outcome },
    within: async (tx, appeal, eventId) => {
      if (appeal.state === "registered" && outcome !== "left_without_review") throw new DomainError("appeal_wrong_state", { state: appeal.state });
      await assertDraftsOnLead(tx, appeal);
      await tx.insert(appealAnswers).values({ appealId: appeal.id, text, outcome, authorUserId: actor.userId, createdAt: ctx.clock.now() });
      await notifyApprovers(ctx, tx, appeal, eventId);
    },
  });
}

/** The draft waiting for approval: the newest one not yet approved. */
export async function pendingDraft(db: DbOrTx, appealId: number) {
  const [draft] = await db
    .select()
    .from(appealAnswers)
    .where(and(eq(appealAnswers.appealId, appealId), isNull(appealAnswers.approvedAt)))
    .orderBy(desc(appealAnswers.id))
    .limit(1);
  return draft ?? null;
}

/** The approver names the draft they read, so a newer draft is never signed unseen. */
const approveInput = z.object({ appealId: z.number().int().positive(), answerId: z.number().int().positive() });

/**
 * The Head signs (Reg. 12, 14), or the deputy acting for the Head (Reg. 13): the answer goes to the
 * citizen in the appeal's language. A second approval finds the appeal answered and is refused, so
 * exactly one answer is sent. The lead of a group answers every open member with it, each under its
 * own outgoing number, in the same transaction.
 */
export async function approveDraft(ctx: Ctx, actor: Actor, raw: z.input<typeof approveInput>) {
  const { appealId, answerId } = parseInput(approveInput, raw);
  assertMayAttempt(actor, "appeal.approve");
  const draft = await pendingDraft(ctx.db, appealId);
  if (!draft || draft.id !== answerId) throw new DomainError((await isSigned(ctx.db, answerId)) ? "already_approved" : "stale_button");
  // A deputy signs on the Head's authority while a delegation is in force.
  const authorityUserId = actor.role === "deputy" && actor.actingForUserId !== null ? actor.actingForUserId : actor.userId;
  // Members do not change while the lead waits for signature (see groups.ts).
  const { groupId } = (await ctx.db.select({ groupId: appeals.groupId }).from(appeals).where(eq(appeals.id, appealId)))[0] ?? { groupId: null };
  let group: GroupAnswered | null = null;
  const result = await signApproval(ctx, actor, {
    appealId,
    action: "approve",
    draft,
    authorityUserId,
    data: groupId === null ? {} : { groupId },
    before: async (tx) => {
      // Under the appeal's lock: the draft read above must still be the one waiting.
      const current = await pendingDraft(tx, appealId);
      if (current?.id !== answerId) throw new DomainError("stale_button");
      if (authorityUserId !== actor.userId) await assertStillActing(ctx, tx, actor, authorityUserId);
    },
    after: async (tx, appeal) => {
      group = await answerGroup({ ...ctx, db: tx }, actor, appeal, draft, authorityUserId);
    },
  }).catch(async (error: unknown) => {
    // Two approvers at the same moment: the second finds the appeal closed by the first.
    if (error instanceof DomainError && error.code === "appeal_closed" && (await isSigned(ctx.db, answerId))) throw new DomainError("already_approved");
    throw error;
  });
  return { ...result, group: group as GroupAnswered | null };
}

async function isSigned(db: DbOrTx, answerId: number): Promise<boolean> {
  const [row] = await db.select({ approvedAt: appealAnswers.approvedAt }).from(appealAnswers).where(eq(appealAnswers.id, answerId));
  return Boolean(row?.approvedAt);
}

const returnInput = z.object({
  appealId: z.number().int().positive(),
  /** The draft the approver read, when known: a newer one is not returned unseen. */
  answerId: z.number().int().positive().optional(),
  comment: z.string().trim().min(1).max(2000),
});

/** Back to the author with a comment; a return without one is refused (a reason is the point). */
export async function returnDraft(ctx: Ctx, actor: Actor, raw: z.input<typeof returnInput>) {
  const parsed = returnInput.safeParse(raw);
  if (!parsed.success) throw new DomainError("comment_required");
  const { appealId, answerId, comment } = parsed.data;
  return transition(ctx, actor, {
    appealId,
    action: "return",
    permission: "appeal.approve",
    event: "returned",
    comment,
    within: async (tx, appeal, eventId) => {
      const draft = await pendingDraft(tx, appealId);
      if (answerId !== undefined && draft?.id !== answerId) throw new DomainError("stale_button");
      if (draft) await tellHolder(ctx, tx, draft.authorUserId, `event:${eventId}:author`, appeal.id, "staff.notice.draft_returned", { number: appeal.number, comment });
    },
  });
}

/** The delegation the deputy was identified under must still be in force when they sign. */
async function assertStillActing(ctx: Ctx, tx: Tx, actor: Actor, headUserId: number): Promise<void> {
  const delegation = await activeDelegation(tx, ctx.clock.now());
  if (delegation?.deputyUserId !== actor.userId || delegation.headUserId !== headUserId) throw new DomainError("forbidden");
}

/** The Head is told a draft waits for signature, and so is the deputy acting for the Head. */
async function notifyApprovers(ctx: Ctx, tx: Tx, appeal: { number: string; restricted: boolean }, eventId: number): Promise<void> {
  const approvers = await currentApprovers(ctx, tx, ctx.clock.now());
  for (const approver of approvers.filter((a) => a.clearance || !appeal.restricted)) {
    await enqueue(ctx, tx, {
      dedupeKey: `event:${eventId}:approver:${approver.id}`,
      chatId: approver.telegramId,
      language: languageOf(approver),
      key: "staff.notice.draft_submitted",
      params: { number: appeal.number },
    });
  }
}
