import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { appealAnswers } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import type { Actor } from "../shared/roles.js";
import { ANSWER_KEYBOARD } from "./objection.js";
import { signAnswerLetter, type SignedLetter } from "./sign-letter.js";
import { fillTemplate } from "./templates.js";
import { transition, type AppealRow, type CitizenNotice } from "./transition.js";

export type AnswerRow = typeof appealAnswers.$inferSelect;

export interface Signing {
  appealId: number;
  /** `approve_with_group`: a member answered by its lead's approval. */
  action: "approve" | "approve_with_group";
  draft: AnswerRow;
  authorityUserId: number;
  data: Record<string, unknown>;
  before?: (tx: Tx) => Promise<void>;
  after?: (tx: Tx, appeal: AppealRow) => Promise<void>;
}

/**
 * One appeal's approval: its letter signed under its own outgoing number, the answer marked approved
 * with it, the state moved, the event, and the citizen given the letter, all in one transaction.
 */
export async function signApproval(ctx: Ctx, actor: Actor, signing: Signing) {
  const { draft, authorityUserId } = signing;
  let letter: SignedLetter | undefined;
  const result = await transition(ctx, actor, {
    appealId: signing.appealId,
    action: signing.action,
    permission: "appeal.approve",
    event: "approved",
    outcome: draft.outcome,
    authorityUserId,
    data: { answerId: draft.id, outcome: draft.outcome, ...signing.data },
    within: async (tx, appeal) => {
      await signing.before?.(tx);
      letter = await signAnswerLetter(ctx, tx, actor, appeal, draft);
      await tx
        .update(appealAnswers)
        .set({
          // As the letter says it: a group's placeholders filled for this applicant.
          text: fillTemplate(draft.text, appeal),
          approvedByUserId: actor.userId,
          authorityUserId,
          approvedAt: ctx.clock.now(),
          outgoingNumber: letter.outgoingNumber,
          letterSha256: letter.sha256,
          letterFileId: letter.fileId,
        })
        .where(eq(appealAnswers.id, draft.id));
      await signing.after?.(tx, appeal);
    },
    notify: (answered): CitizenNotice => {
      const fileIds = letter ? [letter.fileId] : [];
      const text = fillTemplate(draft.text, answered);
      return draft.outcome === "left_without_review"
        ? { key: "appeal.notice.left_without_review", params: { reason: text }, fileIds }
        : { key: "appeal.notice.answered", params: { outcome: draft.outcome, text }, fileIds, keyboard: { name: ANSWER_KEYBOARD, ref: answered.id } };
    },
  });
  return { ...result, outgoingNumber: letter?.outgoingNumber ?? null };
}
