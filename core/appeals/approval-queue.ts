import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { appealAnswers, appeals } from "../../db/schema/index.js";
import { almatyDate } from "../calendar/dates.js";
import { renderAnswerLetter } from "../letters/answer-letter.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan, assertMayAttempt } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { letterOf } from "./sign-letter.js";

export interface AwaitingApproval {
  appealId: number;
  number: string;
  answerId: number;
  outcome: string;
  text: string;
  dueOn: string;
  /** How many applicants the answer goes to: more than one for a group's draft. */
  applicants: number;
}

/** "Awaiting my approval" (Reg. 12, 14): drafts waiting for the approver, the nearest deadline first. */
export async function awaitingMyApproval(ctx: Ctx, actor: Actor): Promise<AwaitingApproval[]> {
  assertCan(actor, "appeal.approve", {});
  return ctx.db
    .select({
      appealId: appeals.id,
      number: appeals.number,
      answerId: appealAnswers.id,
      outcome: appealAnswers.outcome,
      text: appealAnswers.text,
      dueOn: appeals.dueOn,
      applicants: sql<number>`case when ${appeals.groupId} is null then 1 else (select count(*) from appeals m where m.group_id = ${appeals.groupId} and m.closed_at is null) end`.mapWith(Number),
    })
    .from(appeals)
    // Only the newest draft of each appeal: returned ones stay in the table as history.
    .innerJoin(
      appealAnswers,
      and(
        eq(appealAnswers.appealId, appeals.id),
        isNull(appealAnswers.approvedAt),
        eq(appealAnswers.id, sql`(select max(a.id) from appeal_answers a where a.appeal_id = ${appeals.id})`),
      ),
    )
    .where(and(eq(appeals.state, "awaiting_approval"), actor.clearance ? undefined : eq(appeals.restricted, false)))
    .orderBy(asc(appeals.dueOn), asc(appeals.id), asc(appealAnswers.id));
}

const previewInput = z.object({ appealId: z.number().int().positive(), answerId: z.number().int().positive() });

/** The draft as the letter it will become, marked as a draft and without a number yet. */
export async function draftLetterPreview(ctx: Ctx, actor: Actor, raw: z.input<typeof previewInput>): Promise<{ pdf: Buffer; fileName: string }> {
  const { appealId, answerId } = parseInput(previewInput, raw);
  assertMayAttempt(actor, "appeal.approve");
  const [row] = await ctx.db
    .select({ appeal: appeals, answer: appealAnswers })
    .from(appeals)
    .innerJoin(appealAnswers, eq(appealAnswers.appealId, appeals.id))
    .where(and(eq(appeals.id, appealId), eq(appealAnswers.id, answerId)));
  if (!row) throw new DomainError("appeal_not_found");
  assertCan(actor, "appeal.approve", { restricted: row.appeal.restricted });
  const letter = await letterOf(ctx.db, actor, row.appeal, row.answer, { outgoingNumber: null, date: almatyDate(ctx.clock.now()) });
  return { pdf: await renderAnswerLetter(letter), fileName: `${row.appeal.number}-draft.pdf` };
}
