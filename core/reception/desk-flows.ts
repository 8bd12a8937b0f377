import { z } from "zod";
import { isIsoDate } from "../calendar/dates.js";
import { clearFlow, loadFlow, saveFlow } from "../flows/store.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan, assertMayAttempt } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { outcomeDue, recordOutcome } from "./outcome.js";
import { declineRequest, type DeclineTemplate } from "./staff-decisions.js";

/** Reception staff typing a reason to decline a request. */
export const DECLINE_FLOW = "reception_decline";
/** Reception staff recording an outcome: summary, then an assignment (text, due date, executor), then a note for the citizen. */
export const OUTCOME_FLOW = "reception_outcome";

const ref = { bookingId: z.number().int().positive(), version: z.number().int().positive() };
const declineState = z.object({ step: z.literal("reason"), data: z.object(ref) });

export async function beginDecline(ctx: Ctx, actor: Actor, raw: { bookingId: number; version: number }): Promise<void> {
  assertCan(actor, "reception.handle");
  const data = parseInput(z.object(ref), raw);
  await saveFlow(ctx, ctx.db, actor.userId, DECLINE_FLOW, { step: "reason", data });
}

export async function currentDecline(ctx: Ctx, actor: Actor) {
  assertMayAttempt(actor, "reception.handle");
  return loadFlow(ctx, ctx.db, actor.userId, DECLINE_FLOW, declineState);
}

export async function finishDecline(ctx: Ctx, actor: Actor, reason: string, template?: DeclineTemplate) {
  const state = await currentDecline(ctx, actor);
  if (!state) throw new DomainError("stale_button");
  const declined = await declineRequest(ctx, actor, { ...state.data, reason, template });
  await clearFlow(ctx.db, actor.userId, DECLINE_FLOW);
  return declined;
}

const assignment = z.object({ text: z.string(), dueOn: z.string().optional(), executorUserId: z.number().int().positive().optional() });
const outcomeState = z.object({
  step: z.enum(["summary", "assignment", "due", "executor", "note"]),
  data: z.object({ ...ref, summary: z.string().default(""), assignment: assignment.optional() }),
});
export type OutcomeState = z.infer<typeof outcomeState>;

export async function beginOutcome(ctx: Ctx, actor: Actor, raw: { bookingId: number; version: number }): Promise<void> {
  const data = parseInput(z.object(ref), raw);
  await outcomeDue(ctx, actor, data.bookingId, data.version);
  await saveFlow(ctx, ctx.db, actor.userId, OUTCOME_FLOW, { step: "summary", data: { ...data, summary: "" } });
}

export async function currentOutcome(ctx: Ctx, actor: Actor) {
  assertMayAttempt(actor, "reception.handle");
  return loadFlow(ctx, ctx.db, actor.userId, OUTCOME_FLOW, outcomeState);
}

const text = z.string().trim().min(3).max(2000);

/** `DD.MM.YYYY` as people type it. */
function parseDueDate(input: string): string {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(input.trim());
  const iso = m ? `${m[3]}-${m[2]}-${m[1]}` : "";
  if (!isIsoDate(iso)) throw new DomainError("reception_due_format");
  return iso;
}

/**
 * Takes the answer to the outcome flow's current question and moves to the next one; `null`
 * skips an optional step (no assignment). Returns the new state.
 */
export async function answerOutcome(ctx: Ctx, actor: Actor, answer: string | number | null): Promise<OutcomeState> {
  const state = await currentOutcome(ctx, actor);
  if (!state) throw new DomainError("stale_button");
  const { step, data } = state;
  let next: OutcomeState;
  if (step === "summary" && typeof answer === "string") {
    next = { step: "assignment", data: { ...data, summary: parseInput(text, answer) } };
  } else if (step === "assignment") {
    next = answer === null ? { step: "note", data } : { step: "due", data: { ...data, assignment: { text: parseInput(text, String(answer)) } } };
  } else if (step === "due" && typeof answer === "string" && data.assignment) {
    next = { step: "executor", data: { ...data, assignment: { ...data.assignment, dueOn: parseDueDate(answer) } } };
  } else if (step === "executor" && typeof answer === "number" && data.assignment) {
    next = { step: "note", data: { ...data, assignment: { ...data.assignment, executorUserId: answer } } };
  } else {
    throw new DomainError("stale_button");
  }
  await saveFlow(ctx, ctx.db, actor.userId, OUTCOME_FLOW, next);
  return next;
}

/** The last step: the note for the citizen (or none), and the outcome is recorded. */
export async function finishOutcome(ctx: Ctx, actor: Actor, noteToCitizen: string | null) {
  const state = await currentOutcome(ctx, actor);
  if (state?.step !== "note") throw new DomainError("stale_button");
  const { bookingId, version, summary, assignment: a } = state.data;
  const assignments = a?.dueOn && a.executorUserId ? [{ text: a.text, dueOn: a.dueOn, executorUserId: a.executorUserId }] : [];
  const result = await recordOutcome(ctx, actor, { bookingId, version, attended: true, summary, assignments, noteToCitizen: noteToCitizen ?? undefined });
  await clearFlow(ctx.db, actor.userId, OUTCOME_FLOW);
  return result;
}

export async function cancelDeskFlow(ctx: Ctx, actor: Actor, flow: string): Promise<void> {
  await clearFlow(ctx.db, actor.userId, flow);
}
