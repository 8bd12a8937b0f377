import { appealAnswers } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import type { Actor } from "../shared/roles.js";
import { GROUPABLE_STATES, membersOf } from "./group-members.js";
import { signApproval, type AnswerRow } from "./sign-approval.js";
import type { AppealState } from "./states.js";
import type { AppealRow } from "./transition.js";

/** A member answered already (a re-opened review signs again for itself alone). */
const DECIDED: readonly AppealState[] = ["answered", "left_without_review"];

export interface GroupAnswered {
  groupId: number;
  /** Letters signed with this approval, the lead's among them. */
  letters: number;
  /** Members closed without an answer (withdrawn meanwhile): no letter. Ones answered before are not counted. */
  skipped: number;
}

/**
 * Inside the lead's approval (`ctx.db` is its transaction): every open member gets the lead's answer
 * as its own row, approved by the same signer on the same authority, and goes the single appeal's
 * way to its own letter, outgoing number and notice. The numbers follow the lead's without a gap.
 */
export async function answerGroup(ctx: Ctx, actor: Actor, lead: AppealRow, draft: AnswerRow, authorityUserId: number): Promise<GroupAnswered | null> {
  if (lead.groupId === null) return null;
  const groupId = lead.groupId;
  let letters = 1;
  let skipped = 0;
  for (const member of await membersOf(ctx.db, groupId, { except: lead.id, lock: true })) {
    if (!GROUPABLE_STATES.includes(member.state as AppealState)) {
      if (!DECIDED.includes(member.state as AppealState)) skipped++;
      continue;
    }
    const [answer] = await ctx.db
      .insert(appealAnswers)
      .values({ appealId: member.id, text: draft.text, outcome: draft.outcome, authorUserId: draft.authorUserId, createdAt: ctx.clock.now() })
      .returning();
    await signApproval(ctx, actor, { appealId: member.id, action: "approve_with_group", draft: answer!, authorityUserId, data: { groupId, lead: lead.number } });
    letters++;
  }
  return { groupId, letters, skipped };
}
