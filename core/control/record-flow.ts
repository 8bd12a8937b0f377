import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { units, users } from "../../db/schema/index.js";
import { loadCalendar } from "../calendar/calendar-store.js";
import { almatyDate, isIsoDate, parseTypedDate } from "../calendar/dates.js";
import { defineFlow, writtenBy, type FlowState, type FlowStep } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import { APPEAL_WORK_ROLES, type Actor, type Language } from "../shared/roles.js";
import { unitName } from "../staff/units.js";
import { assertDueDate } from "./due-date.js";
import { RECORDED_SOURCES, type ControlSource } from "./kinds.js";
import { roleHoldersCondition } from "../staff/recipients.js";
import { recordControlDocument, type Recorded } from "./record.js";

const STEPS = ["source", "source_number", "source_date", "content", "executors", "due", "confirm"] as const;
export type RecordStep = (typeof STEPS)[number];

const dataSchema = z.object({
  source: z.enum(RECORDED_SOURCES).optional(),
  sourceNumber: z.string().optional(),
  sourceDate: z.string().refine(isIsoDate).optional(),
  text: z.string().optional(),
  fileId: z.number().int().positive().optional(),
  executorUserIds: z.array(z.number().int().positive()),
  dueOn: z.string().refine(isIsoDate).optional(),
});
export type RecordDraft = z.infer<typeof dataSchema>;
export type RecordState = FlowState<RecordStep, RecordDraft>;

/** A registrar records a control document in chat, one question at a time; a restart resumes it. */
export const recordFlow = defineFlow({
  name: "control_record",
  permission: "control.record",
  steps: STEPS,
  data: dataSchema,
  // A scanned assignment is the registrar's file: they hear before the draft holding it goes.
  worthKeeping: (data) => data.fileId !== undefined,
});

const sourceNumberSchema = z.string().trim().min(1).max(100);
const textSchema = z.string().trim().min(1).max(10_000);

export async function beginRecord(ctx: Ctx, actor: Actor): Promise<RecordState> {
  assertCan(actor, "control.record");
  return recordFlow.start(ctx, actor, { step: "source", data: { executorUserIds: [] } });
}

export function currentRecord(ctx: Ctx, actor: Actor): Promise<RecordState | null> {
  return recordFlow.load(ctx, actor);
}

type Next = FlowStep<RecordStep, RecordDraft>;

/** Moves the draft on from the step `expected` (a press on an older question is stale) to what `change` makes of it. */
async function advance(ctx: Ctx, actor: Actor, expected: RecordStep | null, change: (state: RecordState, inTx: Ctx) => Next | Promise<Next>): Promise<RecordState> {
  assertCan(actor, "control.record");
  const { state } = await recordFlow.update(ctx, actor, async (current, inTx) => {
    if (expected !== null && current.step !== expected) throw new DomainError("stale_button");
    return { next: await change(current, inTx), result: undefined };
  });
  return state!;
}

/** A due date as the calendar allows it; a refusal names the working day that would do. */
async function checkedDue(inTx: Ctx, dueOn: string): Promise<string> {
  if (!isIsoDate(dueOn)) throw new DomainError("control_date_invalid");
  assertDueDate(await loadCalendar(inTx.db), almatyDate(inTx.clock.now()), dueOn);
  return dueOn;
}

export function chooseSource(ctx: Ctx, actor: Actor, source: ControlSource): Promise<RecordState> {
  return advance(ctx, actor, "source", ({ data }) => ({ step: "source_number", data: { ...data, source: z.enum(RECORDED_SOURCES).parse(source) } }));
}

/** A typed answer to the current question: the source's number, its date, the text, or the due date. */
export function answerRecord(ctx: Ctx, actor: Actor, answer: string): Promise<RecordState> {
  return advance(ctx, actor, null, async ({ step, data }, inTx) => {
    if (step === "source_number") {
      const parsed = sourceNumberSchema.safeParse(answer);
      if (!parsed.success) throw new DomainError("control_source_number_invalid", { max: 100 });
      return { step: "source_date", data: { ...data, sourceNumber: parsed.data } };
    }
    if (step === "source_date") {
      const date = parseTypedDate(answer);
      if (!date) throw new DomainError("control_date_invalid");
      if (date > almatyDate(inTx.clock.now())) throw new DomainError("control_source_date_future");
      return { step: "content", data: { ...data, sourceDate: date } };
    }
    if (step === "content") {
      const parsed = textSchema.safeParse(answer);
      if (!parsed.success) throw answer.trim() === "" ? new DomainError("control_content_missing") : new DomainError("text_too_long", { length: answer.length, max: 10_000 });
      return { step: "executors", data: { ...data, text: parsed.data } };
    }
    if (step === "due") {
      const date = parseTypedDate(answer);
      if (!date) throw new DomainError("control_date_invalid");
      return { step: "confirm", data: { ...data, dueOn: await checkedDue(inTx, date) } };
    }
    throw new DomainError("use_buttons");
  });
}

/** The document as a file (a scan of the assignment); its caption, if any, is the text. */
export function attachRecordFile(ctx: Ctx, actor: Actor, fileId: number, caption: string | undefined): Promise<RecordState> {
  const text = caption?.trim() ? textSchema.parse(caption) : undefined;
  return advance(ctx, actor, "content", ({ data }) => ({ step: "executors", data: { ...data, fileId, ...(text !== undefined && { text }) } }));
}

export function toggleExecutor(ctx: Ctx, actor: Actor, userId: number): Promise<RecordState> {
  return advance(ctx, actor, "executors", async (current, inTx) => {
    // The same press handled again would take back the choice it made.
    if (writtenBy(current, inTx)) return current;
    const { data } = current;
    if (!(await executorChoices(inTx, actor)).some((c) => c.userId === userId)) throw new DomainError("stale_button");
    const chosen = data.executorUserIds;
    return { step: "executors", data: { ...data, executorUserIds: chosen.includes(userId) ? chosen.filter((id) => id !== userId) : [...chosen, userId] } };
  });
}

export function executorsChosen(ctx: Ctx, actor: Actor): Promise<RecordState> {
  return advance(ctx, actor, "executors", ({ data }) => {
    if (data.executorUserIds.length === 0) throw new DomainError("control_executor_missing");
    return { step: "due", data };
  });
}

/** The due date taken from the offer of a refusal; checked again, as the calendar may have changed since. */
export function chooseDue(ctx: Ctx, actor: Actor, dueOn: string): Promise<RecordState> {
  return advance(ctx, actor, "due", async ({ data }, inTx) => ({ step: "confirm", data: { ...data, dueOn: await checkedDue(inTx, dueOn) } }));
}

/** Records the document the flow holds and ends the flow with it; a second tap finds the flow gone. */
export async function finishRecord(ctx: Ctx, actor: Actor): Promise<Recorded> {
  assertCan(actor, "control.record");
  const { result } = await recordFlow.update(ctx, actor, async ({ step, data }, inTx) => {
    if (step !== "confirm" || !data.source || !data.sourceNumber || !data.sourceDate || !data.dueOn) throw new DomainError("stale_button");
    const recorded = await recordControlDocument(inTx, actor, {
      source: data.source,
      sourceNumber: data.sourceNumber,
      sourceDate: data.sourceDate,
      text: data.text,
      fileId: data.fileId,
      executorUserIds: data.executorUserIds,
      dueOn: data.dueOn,
    });
    return { next: null, result: recorded };
  });
  return result;
}

export interface ExecutorChoice {
  userId: number;
  name: string;
  unit: string;
}

/** Who can be given an assignment, for the registrar recording one. */
export async function executorChoices(ctx: Ctx, actor: Actor, only?: readonly number[]): Promise<ExecutorChoice[]> {
  assertCan(actor, "control.record");
  return executorCandidates(ctx, actor.language, only);
}

/**
 * Who can be given an assignment: active staff with a name, except administrators; by unit, then
 * name, the unit in `language`. Asks no permission: each caller checks its own.
 */
export async function executorCandidates(ctx: Ctx, language: Language, only?: readonly number[]): Promise<ExecutorChoice[]> {
  const rows = await ctx.db
    .select({ userId: users.id, name: users.fullName, unitKk: units.nameKk, unitRu: units.nameRu })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(and(roleHoldersCondition(ctx, { roles: APPEAL_WORK_ROLES }), only ? inArray(users.id, [...only]) : undefined))
    .orderBy(asc(units.id), asc(users.fullName), asc(users.id));
  return rows.map((r) => ({
    userId: r.userId,
    name: r.name ?? `#${r.userId}`,
    unit: r.unitKk === null ? "" : unitName({ nameKk: r.unitKk, nameRu: r.unitRu! }, language),
  }));
}
