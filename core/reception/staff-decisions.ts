import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { appeals, citizens, receptionBookings, receptionSlots } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import type { Booked } from "./booking.js";
import { bookingAt, changeBooking, takingSlot } from "./booking-row.js";
import { notifyCitizen, type Booking } from "./notices.js";
import { officialById, type Official } from "./officials.js";
import { loadPolicy } from "./policy.js";
import { scheduleReminders } from "./reminders.js";
import { assertFuture, freeSlots, slotOf, type Slot } from "./slots.js";
import { offerExpiry } from "./waitlist.js";

const id = z.number().int().positive();
const decisionInput = z.object({ bookingId: id, version: z.number().int().positive() });
const UNDECIDED = ["requested", "waiting"] as const;

export interface PendingRequest {
  booking: Booking;
  official: Official;
  citizenName: string;
  preferredSlot: Slot | null;
  /** The citizen's appeal the matter is about, if they linked one. */
  appealNumber: string | null;
}

/** Requests waiting for reception staff, the oldest first. */
export async function pendingRequests(ctx: Ctx, actor: Actor): Promise<PendingRequest[]> {
  assertCan(actor, "reception.handle");
  const rows = await ctx.db
    .select({ booking: receptionBookings, citizenName: citizens.fullName, preferredSlot: receptionSlots, appealNumber: appeals.number })
    .from(receptionBookings)
    .innerJoin(citizens, eq(citizens.userId, receptionBookings.citizenUserId))
    .leftJoin(appeals, eq(appeals.id, receptionBookings.appealId))
    .leftJoin(receptionSlots, eq(receptionSlots.id, receptionBookings.preferredSlotId))
    .where(eq(receptionBookings.status, "requested"))
    .orderBy(asc(receptionBookings.id));
  const result: PendingRequest[] = [];
  for (const row of rows) result.push({ ...row, official: await officialById(ctx.db, row.booking.officialId, false) });
  return result;
}

async function undecided(ctx: Ctx, actor: Actor, bookingId: number, version: number): Promise<{ booking: Booking; official: Official }> {
  assertCan(actor, "reception.handle");
  const booking = await bookingAt(ctx.db, bookingId, version);
  if (!(UNDECIDED as readonly string[]).includes(booking.status)) throw new DomainError("stale_button");
  return { booking, official: await officialById(ctx.db, booking.officialId, false) };
}

/** Free slots a request could be confirmed on or offered, for the staff member deciding it. */
export async function slotsForRequest(ctx: Ctx, actor: Actor, raw: z.input<typeof decisionInput>, limit: number): Promise<Slot[]> {
  const { bookingId, version } = parseInput(decisionInput, raw);
  const { official } = await undecided(ctx, actor, bookingId, version);
  return freeSlots(ctx.db, official, ctx.clock.now(), limit);
}

const slotDecision = decisionInput.extend({ slotId: id });

/** The request still waiting for staff, and the official's future slot they chose for it. */
async function requestAndSlot(ctx: Ctx, actor: Actor, raw: z.input<typeof slotDecision>) {
  const { bookingId, version, slotId } = parseInput(slotDecision, raw);
  const { booking, official } = await undecided(ctx, actor, bookingId, version);
  const slot = await slotOf(ctx.db, official, slotId);
  assertFuture(slot, ctx.clock.now());
  return { booking, official, slot };
}

/** Staff confirm a request on a slot: the citizen is told, and reminders are written. */
export async function confirmRequest(ctx: Ctx, actor: Actor, raw: z.input<typeof slotDecision>): Promise<Booked> {
  const { booking, official, slot } = await requestAndSlot(ctx, actor, raw);
  return takingSlot(ctx, official, () =>
    ctx.db.transaction(async (tx) => {
      const booked = await changeBooking(ctx, tx, booking, { status: "booked", slotId: slot.id });
      const reminders = await scheduleReminders(ctx, tx, await loadPolicy(tx), booked, official, slot);
      await notifyCitizen(ctx, tx, booked, official, slot.startsAt, "reception.notice.booked");
      return { booking: booked, official, slot, reminders };
    }),
  );
}

/** Staff offer another slot than the one asked for; it is held for the citizen for the policy's time. */
export async function offerSlot(ctx: Ctx, actor: Actor, raw: z.input<typeof slotDecision>): Promise<Omit<Booked, "reminders">> {
  const { booking, official, slot } = await requestAndSlot(ctx, actor, raw);
  return takingSlot(ctx, official, () =>
    ctx.db.transaction(async (tx) => {
      const policy = await loadPolicy(tx);
      const offered = await changeBooking(ctx, tx, booking, { status: "offered", slotId: slot.id, offerExpiresAt: offerExpiry(policy, ctx.clock.now()) });
      await notifyCitizen(ctx, tx, offered, official, slot.startsAt, "reception.notice.offered", { minutes: policy.offerMinutes });
      return { booking: offered, official, slot };
    }),
  );
}

/** Reasons given often enough to have a text of their own, which the citizen reads in their language. */
export const DECLINE_TEMPLATES = ["courts", "appeal_first"] as const;
export type DeclineTemplate = (typeof DECLINE_TEMPLATES)[number];

const declineInput = decisionInput.extend({ reason: z.string().trim().min(3).max(2000), template: z.enum(DECLINE_TEMPLATES).optional() });

/**
 * Staff decline with a reason (a matter for the courts, with the procedure explained); the citizen
 * reads it, a template's in their own language. The reason is kept as staff gave it.
 */
export async function declineRequest(ctx: Ctx, actor: Actor, raw: z.input<typeof declineInput>): Promise<Booking> {
  const { bookingId, version, reason, template } = parseInput(declineInput, raw);
  const { booking, official } = await undecided(ctx, actor, bookingId, version);
  return ctx.db.transaction(async (tx) => {
    const declined = await changeBooking(ctx, tx, booking, { status: "declined", declineReason: reason });
    if (template) await notifyCitizen(ctx, tx, declined, official, null, "reception.notice.declined_template", { template });
    else await notifyCitizen(ctx, tx, declined, official, null, "reception.notice.declined", { reason });
    return declined;
  });
}

