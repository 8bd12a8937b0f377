import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { controlDocuments, controlExecutors } from "../../db/schema/index.js";
import { nextNumber } from "../appeals/numbering.js";
import { loadCalendar } from "../calendar/calendar-store.js";
import { almatyDate } from "../calendar/dates.js";
import { nthWorkingDayAfter } from "../calendar/working-days.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import type { Actor } from "../shared/roles.js";
import { appendControlEvent } from "./events.js";
import { CONTROL_PREFIX } from "./kinds.js";

/** Working days the Head has to decide on a citizen's objection to an answer. */
const DECIDE_WITHIN_WORKING_DAYS = 3;

export interface HeadItem {
  documentId: number;
  executorId: number;
  number: string;
}

/**
 * A citizen's objection to an answer becomes the Head's own control item (Reg. 11: the Head leads the
 * Department and is personally responsible for its tasks): numbered like every control document, the citizen's
 * words as its text, the appeal as its origin, the Head its one executor. In the caller's transaction.
 */
export async function recordHeadItem(ctx: Ctx, tx: Tx, item: { headUserId: number; headUnitId: number | null; appealId: number; appealNumber: string; words: string }): Promise<HeadItem> {
  const today = almatyDate(ctx.clock.now());
  const dueOn = nthWorkingDayAfter(await loadCalendar(tx), today, DECIDE_WITHIN_WORKING_DAYS);
  const year = Number(today.slice(0, 4));
  const { seq, number } = await nextNumber(tx, CONTROL_PREFIX, year);
  const [document] = await tx
    .insert(controlDocuments)
    .values({
      number,
      year,
      seq,
      source: "citizen_objection",
      sourceNumber: item.appealNumber,
      sourceDate: today,
      text: item.words,
      recordedOn: today,
      dueOn,
      originKind: "appeal",
      originId: item.appealId,
      createdBy: null,
      createdAt: ctx.clock.now(),
    })
    .returning();
  const [executor] = await tx
    .insert(controlExecutors)
    .values({ documentId: document!.id, userId: item.headUserId, unitId: item.headUnitId, dueOn })
    .returning({ id: controlExecutors.id });
  await appendControlEvent(ctx, tx, { documentId: document!.id, actor: null, kind: "recorded", data: { executorUserIds: [item.headUserId], dueOn, origin: { kind: "appeal", id: item.appealId } } });
  return { documentId: document!.id, executorId: executor!.id, number };
}

/**
 * The Head's decision closes the item (executed today), recorded on its trail. Only the Head it was
 * put before may decide, once; returns the appeal it is about.
 */
export async function closeHeadItem(ctx: Ctx, tx: Tx, actor: Actor, executorId: number, decision: string): Promise<{ appealId: number; number: string }> {
  const [row] = await tx
    .select({ executor: controlExecutors, document: controlDocuments })
    .from(controlExecutors)
    .innerJoin(controlDocuments, eq(controlDocuments.id, controlExecutors.documentId))
    .where(and(eq(controlExecutors.id, executorId), eq(controlDocuments.source, "citizen_objection")))
    .for("update", { of: controlExecutors });
  if (!row || row.document.originId === null) throw new DomainError("stale_button");
  if (row.executor.userId !== actor.userId) throw new DomainError("forbidden");
  if (row.executor.state === "executed") throw new DomainError("objection_decided");
  const today = almatyDate(ctx.clock.now());
  await tx.update(controlExecutors).set({ state: "executed", executedOn: today }).where(eq(controlExecutors.id, executorId));
  await appendControlEvent(ctx, tx, { documentId: row.document.id, executorId, actor, kind: "decided_by_head", data: { decision } });
  return { appealId: row.document.originId, number: row.document.number };
}
