import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { appealAnswers } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { DECISION_OUTCOMES } from "./kinds.js";
import { signAnswerLetter, type SignedLetter } from "./sign-letter.js";
import { transition, type CitizenNotice } from "./transition.js";

const draftInput = z.object({
  appealId: z.number().int().positive(),
  text: z.string().trim().min(1).max(10_000),
  outcome: z.enum(DECISION_OUTCOMES),
});

/**
 * A draft answer, or a reasoned decision to leave the appeal without review, goes to the approver.
 * Straight from registration only the decision may go: an answer needs the preliminary review first.
 */
export async function submitDraft(ctx: Ctx, actor: Actor, raw: z.input<typeof draftInput>) {
  const { appealId, text, outcome } = parseInput(draftInput, raw);
  return transition(ctx, actor, {
    appealId,
    action: "submit_draft",
    permission: "appeal.draft",
    event: "draft_submitted",
    data: { outcome },
    within: async (tx, appeal) => {
      if (appeal.state === "registered" && outcome !== "left_without_review") throw new DomainError("appeal_wrong_state", { state: appeal.state });
      await tx.insert(appealAnswers).values({ appealId: appeal.id, text, outcome, authorUserId: actor.userId, createdAt: ctx.clock.now() });
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
 * The Head signs (Reg. 12, 14): the answer goes to the citizen in the appeal's language. A second
 * approval finds the appeal answered and is refused, so exactly one answer is sent.
 */
export async function approveDraft(ctx: Ctx, actor: Actor, raw: z.input<typeof approveInput>) {
  const { appealId, answerId } = parseInput(approveInput, raw);
  const draft = await pendingDraft(ctx.db, appealId);
  if (!draft || draft.id !== answerId) throw new DomainError("stale_button");
  let letter: SignedLetter | undefined;
  return transition(ctx, actor, {
    appealId,
    action: "approve",
    permission: "appeal.approve",
    event: "approved",
    outcome: draft.outcome,
    authorityUserId: actor.userId,
    data: { answerId: draft.id, outcome: draft.outcome },
    within: async (tx, appeal) => {
      // Under the appeal's lock: the draft read above must still be the one waiting.
      const current = await pendingDraft(tx, appealId);
      if (current?.id !== answerId) throw new DomainError("stale_button");
      letter = await signAnswerLetter(ctx, tx, actor, appeal, current);
      await tx
        .update(appealAnswers)
        .set({
          approvedByUserId: actor.userId,
          authorityUserId: actor.userId,
          approvedAt: ctx.clock.now(),
          outgoingNumber: letter.outgoingNumber,
          letterSha256: letter.sha256,
          letterFileId: letter.fileId,
        })
        .where(eq(appealAnswers.id, answerId));
    },
    notify: (): CitizenNotice => {
      const fileIds = letter ? [letter.fileId] : [];
      return draft.outcome === "left_without_review"
        ? { key: "appeal.notice.left_without_review", params: { reason: draft.text }, fileIds }
        : { key: "appeal.notice.answered", params: { outcome: draft.outcome, text: draft.text }, fileIds };
    },
  });
}

const returnInput = z.object({ appealId: z.number().int().positive(), comment: z.string().trim().min(1).max(2000) });

/** Back to the author with a comment; a return without one is refused (a reason is the point). */
export async function returnDraft(ctx: Ctx, actor: Actor, raw: z.input<typeof returnInput>) {
  const parsed = returnInput.safeParse(raw);
  if (!parsed.success) throw new DomainError("comment_required");
  const { appealId, comment } = parsed.data;
  return transition(ctx, actor, { appealId, action: "return", permission: "appeal.approve", event: "returned", comment });
}
