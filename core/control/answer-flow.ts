import { eq } from "drizzle-orm";
import { z } from "zod";
import { controlDocuments, controlExecutors, controlReports } from "../../db/schema/index.js";
import { parseTypedDate } from "../calendar/dates.js";
import { clearFlow, loadFlow, saveFlow, type FlowState } from "../flows/store.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan, assertMayAttempt } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { assertExecutor, assertOpen } from "./executor-row.js";
import { requestExtension } from "./extension.js";
import { returnReport, submitReport } from "./report.js";

/**
 * What a person types after a control button: the executor's report or request for more time, or
 * the registrar's comment on a returned report. One flow, a step per question.
 */
export const CONTROL_ANSWER_FLOW = "control_answer";

const STEPS = ["report", "extension_reason", "extension_date", "return_comment"] as const;
export type ControlAnswerStep = (typeof STEPS)[number];
const id = z.number().int().positive();
/** Executors' steps name their item, the registrar's names the report; `reason` waits for the date. */
const stateSchema = z
  .object({
    step: z.enum(STEPS),
    data: z.object({ executorId: id.optional(), reportId: id.optional(), number: z.string(), reason: z.string().optional() }),
  })
  .refine(({ step, data }) => (step === "return_comment" ? data.reportId !== undefined : data.executorId !== undefined))
  .refine(({ step, data }) => step !== "extension_date" || data.reason !== undefined);
type AnswerData = z.infer<typeof stateSchema>["data"];

export async function currentControlAnswer(ctx: Ctx, actor: Actor): Promise<FlowState<ControlAnswerStep, AnswerData> | null> {
  assertMayAttempt(actor, "control.execute");
  return loadFlow(ctx, ctx.db, actor.userId, CONTROL_ANSWER_FLOW, stateSchema);
}

/** The executor's own open item, checked before asking them anything about it. */
async function openItem(ctx: Ctx, actor: Actor, executorId: number): Promise<{ number: string; state: string }> {
  assertMayAttempt(actor, "control.execute");
  const [row] = await ctx.db
    .select({ executor: controlExecutors, number: controlDocuments.number })
    .from(controlExecutors)
    .innerJoin(controlDocuments, eq(controlDocuments.id, controlExecutors.documentId))
    .where(eq(controlExecutors.id, executorId));
  if (!row) throw new DomainError("control_not_found");
  assertExecutor(actor, row.executor);
  assertOpen(row.executor);
  return { number: row.number, state: row.executor.state };
}

export async function beginReport(ctx: Ctx, actor: Actor, executorId: number): Promise<string> {
  const item = await openItem(ctx, actor, executorId);
  if (item.state === "reported") throw new DomainError("control_report_pending");
  await saveFlow(ctx, ctx.db, actor.userId, CONTROL_ANSWER_FLOW, { step: "report", data: { executorId, number: item.number } });
  return item.number;
}

export async function beginExtension(ctx: Ctx, actor: Actor, executorId: number): Promise<string> {
  const item = await openItem(ctx, actor, executorId);
  await saveFlow(ctx, ctx.db, actor.userId, CONTROL_ANSWER_FLOW, { step: "extension_reason", data: { executorId, number: item.number } });
  return item.number;
}

export async function beginReturnReport(ctx: Ctx, actor: Actor, reportId: number): Promise<string> {
  assertCan(actor, "control.decide");
  const [row] = await ctx.db
    .select({ state: controlReports.state, number: controlDocuments.number })
    .from(controlReports)
    .innerJoin(controlExecutors, eq(controlExecutors.id, controlReports.executorId))
    .innerJoin(controlDocuments, eq(controlDocuments.id, controlExecutors.documentId))
    .where(eq(controlReports.id, reportId));
  if (!row) throw new DomainError("control_not_found");
  if (row.state !== "pending") throw new DomainError("control_report_decided");
  await saveFlow(ctx, ctx.db, actor.userId, CONTROL_ANSWER_FLOW, { step: "return_comment", data: { reportId, number: row.number } });
  return row.number;
}

export type ControlAnswerOutcome =
  | { done: "reported"; number: string }
  | { done: "extension_asked"; number: string }
  | { done: "returned"; number: string; comment: string }
  | { done: false; next: "extension_date"; number: string };

/** The typed answer (or a file, for a report) to the flow's question; the flow ends when its action is done. */
export async function answerControl(ctx: Ctx, actor: Actor, answer: { text?: string; fileId?: number }): Promise<ControlAnswerOutcome> {
  const state = await currentControlAnswer(ctx, actor);
  if (!state) throw new DomainError("stale_button");
  const { step, data } = state;
  const text = answer.text?.trim() || undefined;
  if (step !== "report" && answer.fileId !== undefined) throw new DomainError("expects_text");
  if (step === "report") {
    const result = await submitReport(ctx, actor, { executorId: data.executorId!, note: text, fileId: answer.fileId });
    await clearFlow(ctx.db, actor.userId, CONTROL_ANSWER_FLOW);
    return { done: "reported", number: result.number };
  }
  if (!text) throw new DomainError("expects_text");
  if (step === "extension_reason") {
    if (text.length < 2 || text.length > 2000) throw new DomainError("control_reason_length", { max: 2000 });
    await saveFlow(ctx, ctx.db, actor.userId, CONTROL_ANSWER_FLOW, { step: "extension_date", data: { ...data, reason: text } });
    return { done: false, next: "extension_date", number: data.number };
  }
  if (step === "extension_date") {
    const proposedDueOn = parseTypedDate(text);
    if (!proposedDueOn) throw new DomainError("control_date_invalid");
    const result = await requestExtension(ctx, actor, { executorId: data.executorId!, reason: data.reason!, proposedDueOn });
    await clearFlow(ctx.db, actor.userId, CONTROL_ANSWER_FLOW);
    return { done: "extension_asked", number: result.number };
  }
  const result = await returnReport(ctx, actor, { reportId: data.reportId!, comment: text });
  await clearFlow(ctx.db, actor.userId, CONTROL_ANSWER_FLOW);
  return { done: "returned", number: result.number, comment: text };
}

export async function cancelControlAnswer(ctx: Ctx, actor: Actor): Promise<void> {
  await clearFlow(ctx.db, actor.userId, CONTROL_ANSWER_FLOW);
}
