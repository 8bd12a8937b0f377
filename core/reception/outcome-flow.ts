import { z } from "zod";
import { loadCalendar } from "../calendar/calendar-store.js";
import { almatyDate, parseTypedDate } from "../calendar/dates.js";
import { assertDueDate } from "../control/due-date.js";
import { defineFlow, type FlowState } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { assignableStaff, outcomeDue, recordOutcome } from "./outcome.js";

const ref = { bookingId: z.number().int().positive(), version: z.number().int().positive() };
const STEPS = ["summary", "assignment", "due", "executor", "note"] as const;
export type OutcomeStep = (typeof STEPS)[number];
const assignment = z.object({ text: z.string(), dueOn: z.string().optional(), executorUserId: z.number().int().positive().optional() });
const dataSchema = z.object({ ...ref, summary: z.string().default(""), assignment: assignment.optional() });
export type OutcomeState = FlowState<OutcomeStep, z.infer<typeof dataSchema>>;

/** Reception staff recording an outcome: summary, then an assignment (text, due date, executor), then a note for the citizen. */
export const outcomeFlow = defineFlow({ name: "reception_outcome", permission: "reception.handle", steps: STEPS, data: dataSchema });

/**
 * "Came": the outcome's first question. A second press for the same meeting while its outcome is
 * being written (a double tap) is out of date and changes nothing.
 */
export function beginOutcome(ctx: Ctx, actor: Actor, raw: { bookingId: number; version: number }): Promise<OutcomeState> {
  const data = parseInput(z.object(ref), raw);
  return ctx.db.transaction(async (tx) => {
    const inTx = { ...ctx, db: tx };
    await outcomeDue(inTx, actor, data.bookingId, data.version);
    const current = await outcomeFlow.load(inTx, actor);
    if (current?.data.bookingId === data.bookingId && current.data.version === data.version) throw new DomainError("stale_button");
    return outcomeFlow.start(inTx, actor, { step: "summary", data: { ...data, summary: "" } }, tx);
  });
}

const text = z.string().trim().min(3).max(2000);

/** An answer to one of the questions before the note; each names the step it answers. */
export type OutcomeAnswer =
  | { summary: string }
  /** The assignment's text, or `null`: none was given. */
  | { assignment: string | null }
  /** Typed (`DD.MM.YYYY`) or the working day a refusal offered. */
  | { due: string }
  | { executorUserId: number };

/**
 * Takes the answer to the current question and moves to the next one. A due date is checked
 * against the calendar here, at its own question, so a day off is refused before anything else.
 */
export async function answerOutcome(ctx: Ctx, actor: Actor, answer: OutcomeAnswer): Promise<OutcomeState> {
  assertCan(actor, "reception.handle");
  const { state } = await outcomeFlow.update(ctx, actor, async ({ step, data }, inTx) => {
    if (step === "summary" && "summary" in answer) return { next: { step: "assignment", data: { ...data, summary: parseInput(text, answer.summary) } }, result: undefined };
    if (step === "assignment" && "assignment" in answer) {
      if (answer.assignment === null) return { next: { step: "note", data }, result: undefined };
      return { next: { step: "due", data: { ...data, assignment: { text: parseInput(text, answer.assignment) } } }, result: undefined };
    }
    if (step === "due" && "due" in answer && data.assignment) {
      const dueOn = parseTypedDate(answer.due);
      if (!dueOn) throw new DomainError("reception_due_format");
      assertDueDate(await loadCalendar(inTx.db), almatyDate(inTx.clock.now()), dueOn);
      return { next: { step: "executor", data: { ...data, assignment: { ...data.assignment, dueOn } } }, result: undefined };
    }
    if (step === "executor" && "executorUserId" in answer && data.assignment) {
      // Only someone the list offered: a forged or outdated press changes nothing.
      if (!(await assignableStaff(inTx, actor)).some((s) => s.userId === answer.executorUserId)) throw new DomainError("stale_button");
      return { next: { step: "note", data: { ...data, assignment: { ...data.assignment, executorUserId: answer.executorUserId } } }, result: undefined };
    }
    throw new DomainError("stale_button");
  });
  return state!;
}

/** The last step: the note for the citizen (or none), and the outcome is recorded with the flow's end. */
export async function finishOutcome(ctx: Ctx, actor: Actor, noteToCitizen: string | null) {
  const { result } = await outcomeFlow.update(ctx, actor, async ({ step, data }, inTx) => {
    if (step !== "note") throw new DomainError("stale_button");
    const { bookingId, version, summary, assignment: a } = data;
    const assignments = a?.dueOn && a.executorUserId ? [{ text: a.text, dueOn: a.dueOn, executorUserId: a.executorUserId }] : [];
    return { next: null, result: await recordOutcome(inTx, actor, { bookingId, version, attended: true, summary, assignments, noteToCitizen: noteToCitizen ?? undefined }) };
  });
  return result;
}
