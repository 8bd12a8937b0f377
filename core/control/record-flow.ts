import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { units, users } from "../../db/schema/index.js";
import { loadCalendar } from "../calendar/calendar-store.js";
import { almatyDate, isIsoDate, parseTypedDate } from "../calendar/dates.js";
import { clearFlow, loadFlow, saveFlow, type FlowState } from "../flows/store.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan, assertMayAttempt } from "../shared/permissions.js";
import { APPEAL_WORK_ROLES, type Actor } from "../shared/roles.js";
import { unitName } from "../staff/units.js";
import { assertDueDate } from "./due-date.js";
import { CONTROL_SOURCES, type ControlSource } from "./kinds.js";
import { roleHoldersCondition } from "../staff/recipients.js";
import { recordControlDocument, type Recorded } from "./record.js";

/** A registrar records a control document in chat, one question at a time; a restart resumes it. */
export const RECORD_FLOW = "control_record";

const STEPS = ["source", "source_number", "source_date", "content", "executors", "due", "confirm"] as const;
export type RecordStep = (typeof STEPS)[number];

const dataSchema = z.object({
  source: z.enum(CONTROL_SOURCES).optional(),
  sourceNumber: z.string().optional(),
  sourceDate: z.string().refine(isIsoDate).optional(),
  text: z.string().optional(),
  fileId: z.number().int().positive().optional(),
  executorUserIds: z.array(z.number().int().positive()),
  dueOn: z.string().refine(isIsoDate).optional(),
});
export type RecordDraft = z.infer<typeof dataSchema>;
const stateSchema = z.object({ step: z.enum(STEPS), data: dataSchema });
export type RecordState = FlowState<RecordStep, RecordDraft>;

const sourceNumberSchema = z.string().trim().min(1).max(100);
const textSchema = z.string().trim().min(1).max(10_000);

export async function beginRecord(ctx: Ctx, actor: Actor): Promise<RecordState> {
  assertCan(actor, "control.record");
  const state = { step: "source" as const, data: { executorUserIds: [] } };
  await saveFlow(ctx, ctx.db, actor.userId, RECORD_FLOW, state);
  return { ...state, messageId: null };
}

export async function currentRecord(ctx: Ctx, actor: Actor): Promise<RecordState | null> {
  assertMayAttempt(actor, "control.record");
  return loadFlow(ctx, ctx.db, actor.userId, RECORD_FLOW, stateSchema);
}

async function step(ctx: Ctx, actor: Actor, expected: RecordStep): Promise<RecordState> {
  assertCan(actor, "control.record");
  const state = await currentRecord(ctx, actor);
  if (state?.step !== expected) throw new DomainError("stale_button");
  return state;
}

async function advance(ctx: Ctx, actor: Actor, state: RecordState, next: RecordStep, change: Partial<RecordDraft>): Promise<RecordState> {
  const saved = { step: next, data: { ...state.data, ...change } };
  await saveFlow(ctx, ctx.db, actor.userId, RECORD_FLOW, saved);
  return { ...saved, messageId: state.messageId };
}

export async function chooseSource(ctx: Ctx, actor: Actor, source: ControlSource): Promise<RecordState> {
  return advance(ctx, actor, await step(ctx, actor, "source"), "source_number", { source: z.enum(CONTROL_SOURCES).parse(source) });
}

/** A typed answer to the current question: the source's number, its date, the text, or the due date. */
export async function answerRecord(ctx: Ctx, actor: Actor, answer: string): Promise<RecordState> {
  assertCan(actor, "control.record");
  const state = await currentRecord(ctx, actor);
  if (!state) throw new DomainError("stale_button");
  if (state.step === "source_number") {
    const parsed = sourceNumberSchema.safeParse(answer);
    if (!parsed.success) throw new DomainError("control_source_number_invalid", { max: 100 });
    return advance(ctx, actor, state, "source_date", { sourceNumber: parsed.data });
  }
  if (state.step === "source_date") {
    const date = parseTypedDate(answer);
    if (!date) throw new DomainError("control_date_invalid");
    if (date > almatyDate(ctx.clock.now())) throw new DomainError("control_source_date_future");
    return advance(ctx, actor, state, "content", { sourceDate: date });
  }
  if (state.step === "content") {
    const parsed = textSchema.safeParse(answer);
    if (!parsed.success) throw answer.trim() === "" ? new DomainError("control_content_missing") : new DomainError("text_too_long", { length: answer.length, max: 10_000 });
    return advance(ctx, actor, state, "executors", { text: parsed.data });
  }
  if (state.step === "due") {
    const date = parseTypedDate(answer);
    if (!date) throw new DomainError("control_date_invalid");
    return chooseDue(ctx, actor, date);
  }
  throw new DomainError("use_buttons");
}

/** The document as a file (a scan of the assignment); its caption, if any, is the text. */
export async function attachRecordFile(ctx: Ctx, actor: Actor, fileId: number, caption: string | undefined): Promise<RecordState> {
  const state = await step(ctx, actor, "content");
  const text = caption?.trim() ? textSchema.parse(caption) : undefined;
  return advance(ctx, actor, state, "executors", { fileId, ...(text !== undefined && { text }) });
}

export async function toggleExecutor(ctx: Ctx, actor: Actor, userId: number): Promise<RecordState> {
  const state = await step(ctx, actor, "executors");
  if (!(await executorChoices(ctx, actor)).some((c) => c.userId === userId)) throw new DomainError("stale_button");
  const chosen = state.data.executorUserIds;
  const executorUserIds = chosen.includes(userId) ? chosen.filter((id) => id !== userId) : [...chosen, userId];
  return advance(ctx, actor, state, "executors", { executorUserIds });
}

export async function executorsChosen(ctx: Ctx, actor: Actor): Promise<RecordState> {
  const state = await step(ctx, actor, "executors");
  if (state.data.executorUserIds.length === 0) throw new DomainError("control_executor_missing");
  return advance(ctx, actor, state, "due", {});
}

/** The due date, typed or taken from the offer of a refusal; checked now so the registrar hears at once. */
export async function chooseDue(ctx: Ctx, actor: Actor, dueOn: string): Promise<RecordState> {
  const state = await step(ctx, actor, "due");
  if (!isIsoDate(dueOn)) throw new DomainError("control_date_invalid");
  assertDueDate(await loadCalendar(ctx.db), almatyDate(ctx.clock.now()), dueOn);
  return advance(ctx, actor, state, "confirm", { dueOn });
}

/** Records the document the flow holds; the flow ends only when it is recorded. */
export async function finishRecord(ctx: Ctx, actor: Actor): Promise<Recorded> {
  const { data } = await step(ctx, actor, "confirm");
  if (!data.source || !data.sourceNumber || !data.sourceDate || !data.dueOn) throw new DomainError("stale_button");
  const recorded = await recordControlDocument(ctx, actor, {
    source: data.source,
    sourceNumber: data.sourceNumber,
    sourceDate: data.sourceDate,
    text: data.text,
    fileId: data.fileId,
    executorUserIds: data.executorUserIds,
    dueOn: data.dueOn,
  });
  await clearFlow(ctx.db, actor.userId, RECORD_FLOW);
  return recorded;
}

export async function cancelRecord(ctx: Ctx, actor: Actor): Promise<void> {
  await clearFlow(ctx.db, actor.userId, RECORD_FLOW);
}

export interface ExecutorChoice {
  userId: number;
  name: string;
  unit: string;
}

/** Who can be given an assignment: active staff with a name, except administrators; by unit, then name. */
export async function executorChoices(ctx: Ctx, actor: Actor, only?: readonly number[]): Promise<ExecutorChoice[]> {
  assertCan(actor, "control.record");
  const rows = await ctx.db
    .select({ userId: users.id, name: users.fullName, unitKk: units.nameKk, unitRu: units.nameRu })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(and(roleHoldersCondition(ctx, { roles: APPEAL_WORK_ROLES }), only ? inArray(users.id, [...only]) : undefined))
    .orderBy(asc(units.id), asc(users.fullName), asc(users.id));
  return rows.map((r) => ({
    userId: r.userId,
    name: r.name ?? `#${r.userId}`,
    unit: r.unitKk === null ? "" : unitName({ nameKk: r.unitKk, nameRu: r.unitRu! }, actor.language),
  }));
}
