import { and, desc, eq, isNotNull } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../db/client.js";
import { appealAnswers, appeals, controlDocuments, controlExecutors, users } from "../../db/schema/index.js";
import { closeHeadItem, recordHeadItem } from "../control/head-item.js";
import { enqueue } from "../outbox/enqueue.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { can } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { notifyStaff } from "../staff/notify.js";
import { roleHolders } from "../staff/recipients.js";
import { appendEvent } from "./events.js";
import { tellHolder } from "./holder-notice.js";
import { nextState, type AppealState } from "./states.js";
import { lockAppeal, type AppealRow } from "./transition.js";

/** Buttons under the answer (👍 / 👎 / complain), and under the Head's item (reply / re-open / note). */
export const ANSWER_KEYBOARD = "appeal.answer";
export const OBJECTION_KEYBOARD = "appeal.objection";

export const OBJECTION_KINDS = ["disliked", "complaint"] as const;
export const HEAD_DECISIONS = ["reply", "reopen", "note"] as const;
export type HeadDecision = (typeof HEAD_DECISIONS)[number];

const WORDS_MAX = 4000;
const objectInput = z.object({
  appealId: z.number().int().positive(),
  kind: z.enum(OBJECTION_KINDS),
  words: z.string().trim().max(WORDS_MAX).default(""),
});

/**
 * The citizen disagrees with the answer (👎, or a complaint about it). The Head leads the Department
 * and is personally responsible for its tasks (Reg. 11), so the answer goes before the Head at once, with the
 * citizen's words, as the Head's control item; 👎 is also the rating. All in one transaction.
 */
export async function objectToAnswer(ctx: Ctx, actor: Actor, raw: z.input<typeof objectInput>): Promise<{ appeal: AppealRow }> {
  const { appealId, kind, words } = parseInput(objectInput, raw);
  if (kind === "complaint" && words === "") throw new DomainError("text_empty");
  return ctx.db.transaction(async (tx) => {
    const appeal = await lockAppeal(tx, appealId);
    if (!can(actor, "appeal.rate", { ownerUserId: appeal.citizenUserId })) throw new DomainError("appeal_not_found");
    if (appeal.state !== "answered") throw new DomainError(kind === "complaint" ? "complaint_needs_answer" : "rating_needs_answer");
    if (kind === "disliked") {
      if (appeal.rating !== null) throw new DomainError("already_rated");
      await tx.update(appeals).set({ rating: "unsatisfied", updatedAt: ctx.clock.now() }).where(eq(appeals.id, appealId));
      await appendEvent(ctx, tx, { appealId, actor, kind: "rated", data: { rating: "unsatisfied" } });
    }
    if (await openItemOf(tx, appealId)) throw new DomainError("objection_pending");
    const eventId = await appendEvent(ctx, tx, { appealId, actor, kind: "objected", comment: words || null, data: { kind } });
    const answer = await approvedAnswer(tx, appealId);
    // The Head on whose authority the answer was signed, while still the Head; else the Head now.
    const heads = await roleHolders(ctx, tx, { roles: ["head"], clearedOnly: appeal.restricted });
    const head = heads.find((h) => h.id === answer?.authorityUserId) ?? heads[0];
    if (!head) {
      ctx.log.warn({ appealId }, "no Head to put the citizen's objection before; it stays on the appeal's trail");
      return { appeal };
    }
    const [headRow] = await tx.select({ unitId: users.unitId }).from(users).where(eq(users.id, head.id));
    const item = await recordHeadItem(ctx, tx, { headUserId: head.id, headUnitId: headRow?.unitId ?? null, appealId, appealNumber: appeal.number, words: words || "—" });
    await notifyStaff(ctx, tx, [head.id], () => `event:${eventId}:head`, {
      key: "control.notice.objection",
      params: { item: item.number, number: appeal.number, kind, words: words || "—", answer: answer?.text ?? "" },
      fileIds: answer?.letterFileId ? [answer.letterFileId] : [],
      keyboard: { name: OBJECTION_KEYBOARD, ref: item.executorId },
    });
    return { appeal };
  });
}

/** An objection still waiting for the Head: a second one adds nothing the Head has not got. */
async function openItemOf(tx: Tx, appealId: number): Promise<boolean> {
  const [open] = await tx
    .select({ id: controlExecutors.id })
    .from(controlDocuments)
    .innerJoin(controlExecutors, eq(controlExecutors.documentId, controlDocuments.id))
    .where(and(eq(controlDocuments.source, "citizen_objection"), eq(controlDocuments.originKind, "appeal"), eq(controlDocuments.originId, appealId), eq(controlExecutors.state, "assigned")));
  return open !== undefined;
}

async function approvedAnswer(tx: Tx, appealId: number) {
  const [answer] = await tx.select().from(appealAnswers).where(and(eq(appealAnswers.appealId, appealId), isNotNull(appealAnswers.approvedAt))).orderBy(desc(appealAnswers.id)).limit(1);
  return answer;
}

const decideInput = z.object({
  executorId: z.number().int().positive(),
  decision: z.enum(HEAD_DECISIONS),
  text: z.string().trim().min(1).max(WORDS_MAX),
});

/**
 * The Head decides on the objection: a reply the citizen reads, the review re-opened (the answer's
 * author gets the appeal back with the Head's words), or a note for the file. The item closes and
 * the decision goes on the appeal's trail, in one transaction.
 */
export async function decideObjection(ctx: Ctx, actor: Actor, raw: z.input<typeof decideInput>): Promise<{ appeal: AppealRow; decision: HeadDecision }> {
  const parsed = decideInput.safeParse(raw);
  if (!parsed.success) throw new DomainError("comment_required");
  const { executorId, decision, text } = parsed.data;
  return ctx.db.transaction(async (tx) => {
    const { appealId, number } = await closeHeadItem(ctx, tx, actor, executorId, decision);
    let appeal = await lockAppeal(tx, appealId);
    const from = appeal.state as AppealState;
    const to = decision === "reopen" ? nextState(from, "reopen") : null;
    const answer = await approvedAnswer(tx, appealId);
    if (to) {
      const holder = answer?.authorUserId ?? appeal.holderUserId;
      const [reopened] = await tx.update(appeals).set({ state: to, closedAt: null, holderUserId: holder, updatedAt: ctx.clock.now() }).where(eq(appeals.id, appealId)).returning();
      appeal = reopened!;
    }
    const eventId = await appendEvent(ctx, tx, { appealId, actor, kind: to ? "reopened" : "objection_decided", from: to ? from : null, to: to ?? null, comment: text, data: { decision, control: number } });
    if (decision === "reopen" && appeal.holderUserId) {
      await tellHolder(ctx, tx, appeal.holderUserId, `event:${eventId}:holder`, appeal.id, "staff.notice.reopened", { number: appeal.number, comment: text });
    }
    if (decision !== "note") await tellCitizen(ctx, tx, appeal, eventId, decision === "reply" ? "appeal.notice.head_reply" : "appeal.notice.reopened", text);
    return { appeal, decision };
  });
}

async function tellCitizen(ctx: Ctx, tx: Tx, appeal: AppealRow, eventId: number, key: string, text: string): Promise<void> {
  // A paper appeal nobody has linked in Telegram yet is answered by post.
  if (appeal.citizenUserId === null) return;
  const [citizen] = await tx.select({ telegramId: users.telegramId }).from(users).where(eq(users.id, appeal.citizenUserId));
  if (!citizen) return;
  await enqueue(ctx, tx, { dedupeKey: `event:${eventId}:citizen`, chatId: citizen.telegramId, language: appeal.language, appealId: appeal.id, key, params: { number: appeal.number, text } });
}
