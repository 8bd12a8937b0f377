import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { receptionSlots, users } from "../../db/schema/index.js";
import { almatyDate, isIsoDate } from "../calendar/dates.js";
import { STAFF_ROLES } from "../shared/roles.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { recordedUserId } from "../staff/operator.js";
import { bookingAt, changeBooking } from "./booking-row.js";
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

export type Assignment = z.infer<typeof assignment>;
export interface ReceptionOutcome {
  attended: boolean;
  summary: string;
  /** Given at reception (Reg. 7.3.3); each is to be put under control with its executor and due date (DESIGN §4). */
  assignments: Assignment[];
  noteToCitizen: string | null;
  recordedAt: string;
}

/** A booking whose meeting has begun and has no outcome yet; anything else is a stale button. */
export async function outcomeDue(ctx: Ctx, actor: Actor, bookingId: number, version: number): Promise<{ booking: Booking; slot: Slot }> {
  assertCan(actor, "reception.handle");
  const booking = await bookingAt(ctx.db, bookingId, version);
  if (booking.status !== "booked") throw new DomainError("stale_button");
  const [slot] = await ctx.db.select().from(receptionSlots).where(eq(receptionSlots.id, booking.slotId!));
  if (slot!.startsAt > ctx.clock.now()) throw new DomainError("reception_not_yet");
  return { booking, slot: slot! };
}

/**
 * After the meeting (Reg. 7.3.2–7.3.3): came or not, what was decided, and the assignments given
 * there, each with an executor on the staff and a due date. Recorded once, after the slot began.
 */
export async function recordOutcome(ctx: Ctx, actor: Actor, raw: z.input<typeof outcomeInput>): Promise<{ booking: Booking; outcome: ReceptionOutcome }> {
  const input = parseInput(outcomeInput, raw);
  const { booking, slot } = await outcomeDue(ctx, actor, input.bookingId, input.version);
  const now = ctx.clock.now();
  for (const a of input.assignments) if (a.dueOn < almatyDate(now)) throw new DomainError("reception_due_past");
  const executors = [...new Set(input.assignments.map((a) => a.executorUserId))];
  if (executors.length > 0) {
    const found = await ctx.db
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, executors), eq(users.active, true), inArray(users.role, [...STAFF_ROLES])));
    if (found.length !== executors.length) throw new DomainError("reception_executor_unknown");
  }
  const outcome: ReceptionOutcome = {
    attended: input.attended,
    summary: input.summary,
    assignments: input.assignments,
    noteToCitizen: input.noteToCitizen ?? null,
    recordedAt: now.toISOString(),
  };
  const official = await officialById(ctx.db, booking.officialId, false);
  return ctx.db.transaction(async (tx) => {
    const done = await changeBooking(ctx, tx, booking, { status: input.attended ? "attended" : "no_show", outcome, outcomeByUserId: recordedUserId(actor) });
    // The assignments become control items here, in this transaction, once the control register
    // exists: recordControlDocument(ctx, tx, actor, { source: "reception", origin: { bookingId }, ...assignment }).
    if (input.noteToCitizen) await notifyCitizen(ctx, tx, done, official, slot.startsAt, "reception.notice.outcome", { note: input.noteToCitizen });
    return { booking: done, outcome };
  });
}

/** Staff who may be given an assignment at reception, for the outcome's executor choice. */
export async function assignableStaff(ctx: Ctx, actor: Actor): Promise<{ userId: number; name: string }[]> {
  assertCan(actor, "reception.handle");
  const rows = await ctx.db
    .select({ userId: users.id, name: users.fullName })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, ["executor", "reviewer", "reception", "registrar", "deputy"])))
    .orderBy(users.fullName, users.id);
  return rows.map((r) => ({ userId: r.userId, name: r.name ?? `#${r.userId}` }));
}
