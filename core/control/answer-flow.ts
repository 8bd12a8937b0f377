import { eq } from "drizzle-orm";
import { z } from "zod";
import { controlDocuments, controlExecutors, controlReports } from "../../db/schema/index.js";
import { parseTypedDate } from "../calendar/dates.js";
import { defineFlow, type FlowState } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan, assertMayAttempt } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { assertExecutor, assertOpen } from "./executor-row.js";
import { requestExtension } from "./extension.js";
import { returnReport, submitReport } from "./report.js";

const STEPS = ["report", "extension_reason", "extension_date", "return_comment"] as const;
export type ControlAnswerStep = (typeof STEPS)[number];
const id = z.number().int().positive();
/** Executors' steps name their item, the registrar's names the report; `reason` waits for the date. */
const dataSchema = z.object({ executorId: id.optional(), reportId: id.optional(), number: z.string(), reason: z.string().optional() });
type AnswerData = z.infer<typeof dataSchema>;
export type ControlAnswerState = FlowState<ControlAnswerStep, AnswerData>;

/**
 * What a person types after a control button: the executor's report or request for more time, or
 * the registrar's comment on a returned report. One flow, a step per question.
 */
export const controlAnswerFlow = defineFlow({ name: "control_answer", permission: "control.execute", steps: STEPS, data: dataSchema });

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

export async function beginReport(ctx: Ctx, actor: Actor, executorId: number): Promise<ControlAnswerState> {
  const item = await openItem(ctx, actor, executorId);
  if (item.state === "reported") throw new DomainError("control_report_pending");
  return controlAnswerFlow.start(ctx, actor, { step: "report", data: { executorId, number: item.number } });
}

export async function beginExtension(ctx: Ctx, actor: Actor, executorId: number): Promise<ControlAnswerState> {
  const item = await openItem(ctx, actor, executorId);
  return controlAnswerFlow.start(ctx, actor, { step: "extension_reason", data: { executorId, number: item.number } });
}

export async function beginReturnReport(ctx: Ctx, actor: Actor, reportId: number): Promise<ControlAnswerState> {
  assertCan(actor, "control.decide");
  const [row] = await ctx.db
    .select({ state: controlReports.state, number: controlDocuments.number })
    .from(controlReports)
    .innerJoin(controlExecutors, eq(controlExecutors.id, controlReports.executorId))
    .innerJoin(controlDocuments, eq(controlDocuments.id, controlExecutors.documentId))
    .where(eq(controlReports.id, reportId));
  if (!row) throw new DomainError("control_not_found");
  if (row.state !== "pending") throw new DomainError("control_report_decided");
  return controlAnswerFlow.start(ctx, actor, { step: "return_comment", data: { reportId, number: row.number } });
}

type Done = { done: "reported"; number: string } | { done: "extension_asked"; number: string } | { done: "returned"; number: string; comment: string };
export type ControlAnswerOutcome = Done | { done: false; state: ControlAnswerState };

/** What a step needs from the data its start put there; a row without it is an old button's. */
function needed(value: number | string | undefined): asserts value is number | string {
  if (value === undefined) throw new DomainError("stale_button");
}

/** The typed answer (or a file, for a report) to the flow's question; the flow ends when its action is done. */
export async function answerControl(ctx: Ctx, actor: Actor, answer: { text?: string; fileId?: number }): Promise<ControlAnswerOutcome> {
  const { state, result } = await controlAnswerFlow.update<Done | null>(ctx, actor, async ({ step, data }, inTx) => {
    const text = answer.text?.trim() || undefined;
    if (step !== "report" && answer.fileId !== undefined) throw new DomainError("expects_text");
    if (step === "report") {
      needed(data.executorId);
      const reported = await submitReport(inTx, actor, { executorId: data.executorId, note: text, fileId: answer.fileId });
      return { next: null, result: { done: "reported", number: reported.number } };
    }
    if (!text) throw new DomainError("expects_text");
    if (step === "extension_reason") {
      if (text.length < 2 || text.length > 2000) throw new DomainError("control_reason_length", { max: 2000 });
      return { next: { step: "extension_date", data: { ...data, reason: text } }, result: null };
    }
    if (step === "extension_date") {
      needed(data.executorId);
      needed(data.reason);
      const proposedDueOn = parseTypedDate(text);
      if (!proposedDueOn) throw new DomainError("control_date_invalid");
      const asked = await requestExtension(inTx, actor, { executorId: data.executorId, reason: data.reason, proposedDueOn });
      return { next: null, result: { done: "extension_asked", number: asked.number } };
    }
    needed(data.reportId);
    const returned = await returnReport(inTx, actor, { reportId: data.reportId, comment: text });
    return { next: null, result: { done: "returned", number: returned.number, comment: text } };
  });
  return result ?? { done: false, state: state! };
}
