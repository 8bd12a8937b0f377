import { and, asc, eq, lt, ne } from "drizzle-orm";
import { z } from "zod";
import { controlDocuments, controlExecutors, controlExtensionRequests, units, users } from "../../db/schema/index.js";
import { almatyDate } from "../calendar/dates.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan, assertMayAttempt } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { assertExecutor } from "./executor-row.js";
import type { ControlSource, ExecutorState } from "./kinds.js";

export interface MyControlItem {
  executorId: number;
  number: string;
  source: ControlSource;
  dueOn: string;
  state: ExecutorState;
  overdue: boolean;
}

/** "My control items": what is assigned to me and not yet executed, the nearest due date first. */
export async function myControlItems(ctx: Ctx, actor: Actor): Promise<MyControlItem[]> {
  assertCan(actor, "staff.menu");
  const today = almatyDate(ctx.clock.now());
  const rows = await ctx.db
    .select({ executorId: controlExecutors.id, number: controlDocuments.number, source: controlDocuments.source, dueOn: controlExecutors.dueOn, state: controlExecutors.state })
    .from(controlExecutors)
    .innerJoin(controlDocuments, eq(controlDocuments.id, controlExecutors.documentId))
    .where(and(eq(controlExecutors.userId, actor.userId), ne(controlExecutors.state, "executed")))
    .orderBy(asc(controlExecutors.dueOn), asc(controlExecutors.id));
  return rows.map((r) => ({ ...r, source: r.source as ControlSource, state: r.state as ExecutorState, overdue: r.dueOn < today }));
}

export interface ControlItemDetail extends MyControlItem {
  sourceNumber: string;
  sourceDate: string;
  text: string | null;
  fileId: number | null;
  extensionPending: boolean;
}

const itemInput = z.object({ executorId: z.number().int().positive() });

/** One of my items in full, for its screen; somebody else's is not found. */
export async function myControlItem(ctx: Ctx, actor: Actor, raw: z.input<typeof itemInput>): Promise<ControlItemDetail> {
  const { executorId } = parseInput(itemInput, raw);
  assertMayAttempt(actor, "control.execute");
  const [row] = await ctx.db
    .select({ executor: controlExecutors, document: controlDocuments })
    .from(controlExecutors)
    .innerJoin(controlDocuments, eq(controlDocuments.id, controlExecutors.documentId))
    .where(eq(controlExecutors.id, executorId));
  if (!row) throw new DomainError("control_not_found");
  assertExecutor(actor, row.executor);
  const [pending] = await ctx.db
    .select({ id: controlExtensionRequests.id })
    .from(controlExtensionRequests)
    .where(and(eq(controlExtensionRequests.executorId, executorId), eq(controlExtensionRequests.state, "pending")));
  const { executor, document } = row;
  return {
    executorId,
    number: document.number,
    source: document.source as ControlSource,
    sourceNumber: document.sourceNumber,
    sourceDate: document.sourceDate,
    text: document.text,
    fileId: document.fileId,
    dueOn: executor.dueOn,
    state: executor.state as ExecutorState,
    overdue: executor.state !== "executed" && executor.dueOn < almatyDate(ctx.clock.now()),
    extensionPending: pending !== undefined,
  };
}

export interface ControlListRow {
  number: string;
  source: ControlSource;
  executor: string;
  unitCode: string | null;
  dueOn: string;
  state: ExecutorState;
  executedOn: string | null;
  overdue: boolean;
}

/** Every executor's item for operators (`cli control list`), by due date; `overdue` keeps the late ones not executed. */
export async function listControl(ctx: Ctx, actor: Actor, options: { overdue: boolean }): Promise<ControlListRow[]> {
  assertCan(actor, "control.list");
  const today = almatyDate(ctx.clock.now());
  const rows = await ctx.db
    .select({
      number: controlDocuments.number,
      source: controlDocuments.source,
      executor: users.fullName,
      unitCode: units.code,
      dueOn: controlExecutors.dueOn,
      state: controlExecutors.state,
      executedOn: controlExecutors.executedOn,
    })
    .from(controlExecutors)
    .innerJoin(controlDocuments, eq(controlDocuments.id, controlExecutors.documentId))
    .innerJoin(users, eq(users.id, controlExecutors.userId))
    .leftJoin(units, eq(units.id, controlExecutors.unitId))
    .where(options.overdue ? and(ne(controlExecutors.state, "executed"), lt(controlExecutors.dueOn, today)) : undefined)
    .orderBy(asc(controlExecutors.dueOn), asc(controlDocuments.id), asc(controlExecutors.id));
  return rows.map((r) => ({
    ...r,
    source: r.source as ControlSource,
    state: r.state as ExecutorState,
    executor: r.executor ?? "",
    overdue: r.state !== "executed" && r.dueOn < today,
  }));
}
