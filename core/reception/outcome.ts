import { z } from "zod";
import { almatyDate, isIsoDate } from "../calendar/dates.js";
import { recordControlDocument } from "../control/record.js";
import { executorCandidates, type ExecutorChoice } from "../control/record-flow.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { recordedUserId } from "../staff/operator.js";
import { bookingAt, changeBooking, heldSlot } from "./booking-row.js";
import { notifyCitizen, type Booking } from "./notices.js";
import { officialById } from "./officials.js";
import type { Slot } from "./slots.js";

const assignment = z.object({
  text: z.string().trim().min(3).max(2000),
  executorUserId: z.number().int().positive(),
  dueOn: z.string().refine(isIsoDate),
});
const outcomeInput = z
  .object({
    bookingId: z.number().int().positive(),
    version: z.number().int().positive(),
    attended: z.boolean(),
    summary: z.string().trim().max(4000).default(""),
    assignments: z.array(assignment).max(20).default([]),
    /** A short note of the outcome for the citizen; nothing is sent without one. */
    noteToCitizen: z.string().trim().min(1).max(2000).optional(),
  })
  .refine((o) => o.attended || o.assignments.length === 0);

/** An assignment as given, and once recorded, its control number (БҚ-2026-000001). */
export type Assignment = z.infer<typeof assignment> & { controlNumber?: string };
export interface ReceptionOutcome {
  attended: boolean;
  summary: string;
  /** Given at reception; each is put under control with its executor and due date (DESIGN §4). */
  assignments: Assignment[];
  noteToCitizen: string | null;
  recordedAt: string;
}

/** A booking whose meeting has begun and has no outcome yet; anything else is a stale button. */
export async function outcomeDue(ctx: Ctx, actor: Actor, bookingId: number, version: number): Promise<{ booking: Booking; slot: Slot }> {
  assertCan(actor, "reception.handle");
  const booking = await bookingAt(ctx.db, bookingId, version);
  if (booking.status !== "booked") throw new DomainError("stale_button");
  const slot = await heldSlot(ctx.db, booking);
  if (slot.startsAt > ctx.clock.now()) throw new DomainError("reception_not_yet");
  return { booking, slot };
}

/**
 * After the meeting (Reg. 7.3.2–7.3.3): came or not, what was decided, and the assignments given
 * there, each with an executor on the staff and a due date. Recorded once, after the slot began.
 */
export async function recordOutcome(ctx: Ctx, actor: Actor, raw: z.input<typeof outcomeInput>): Promise<{ booking: Booking; outcome: ReceptionOutcome }> {
  const input = parseInput(outcomeInput, raw);
  const { booking, slot } = await outcomeDue(ctx, actor, input.bookingId, input.version);
  const now = ctx.clock.now();
  const outcome: ReceptionOutcome = {
    attended: input.attended,
    summary: input.summary,
    assignments: input.assignments,
    noteToCitizen: input.noteToCitizen ?? null,
    recordedAt: now.toISOString(),
  };
  const official = await officialById(ctx.db, booking.officialId, false);
  return ctx.db.transaction(async (tx) => {
    // Each assignment becomes a control item (Reg. 7.3.3, DESIGN §4) in this transaction: its savepoint
    // fails the whole outcome if the control register refuses it (a due date on a day off, say).
    for (const [i, a] of input.assignments.entries()) {
      const recorded = await recordControlDocument({ ...ctx, db: tx }, actor, {
        source: "reception",
        sourceNumber: String(booking.id),
        sourceDate: almatyDate(slot.startsAt),
        text: a.text,
        executorUserIds: [a.executorUserId],
        dueOn: a.dueOn,
        origin: { kind: "reception", id: booking.id },
      });
      outcome.assignments[i] = { ...a, controlNumber: recorded.number };
    }
    const done = await changeBooking(ctx, tx, booking, { status: input.attended ? "attended" : "no_show", outcome, outcomeByUserId: recordedUserId(actor) });
    if (input.noteToCitizen) await notifyCitizen(ctx, tx, done, official, slot.startsAt, "reception.notice.outcome", { note: input.noteToCitizen });
    return { booking: done, outcome };
  });
}

/**
 * Who may be given an assignment at reception: whoever the control register takes as an executor
 * (core/control), with their unit, except the member of staff recording the outcome.
 */
export async function assignableStaff(ctx: Ctx, actor: Actor): Promise<ExecutorChoice[]> {
  assertCan(actor, "reception.handle");
  return (await executorCandidates(ctx, actor.language)).filter((c) => c.userId !== actor.userId);
}
