import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { receptionBookings, receptionSlots } from "../../db/schema/index.js";
import { isUniqueViolation } from "../shared/db-errors.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import type { Booking } from "./notices.js";
import type { Official } from "./officials.js";
import { SlotTakenError } from "./slot-taken.js";
import { freeSlots, type Slot } from "./slots.js";

export async function bookingById(db: DbOrTx, bookingId: number): Promise<Booking> {
  const [row] = await db.select().from(receptionBookings).where(eq(receptionBookings.id, bookingId));
  if (!row) throw new DomainError("reception_booking_unknown");
  return row;
}

/** The slot a booking holds (offered, booked, or already met). */
export async function heldSlot(db: DbOrTx, booking: Booking): Promise<Slot> {
  const [slot] = await db.select().from(receptionSlots).where(eq(receptionSlots.id, booking.slotId!));
  if (!slot) throw new Error(`booking ${booking.id} holds no slot`);
  return slot;
}

/** A booking at the version a button showed; anything changed since makes the button stale. */
export async function bookingAt(db: DbOrTx, bookingId: number, version: number): Promise<Booking> {
  const booking = await bookingById(db, bookingId);
  if (booking.version !== version) throw new DomainError("stale_button");
  return booking;
}

type Change = Partial<Pick<Booking, "status" | "slotId" | "preferredSlotId" | "offerExpiresAt" | "reschedules" | "declineReason" | "outcome" | "outcomeByUserId">>;

/**
 * Changes a booking only if nobody changed it since it was read (its version), and bumps the
 * version: of two staff pressing at once, or a citizen and staff, one wins and the other is told.
 */
export async function changeBooking(ctx: Ctx, db: DbOrTx, booking: Booking, change: Change): Promise<Booking> {
  const [row] = await db
    .update(receptionBookings)
    .set({ ...change, version: booking.version + 1, updatedAt: ctx.clock.now() })
    .where(and(eq(receptionBookings.id, booking.id), eq(receptionBookings.version, booking.version)))
    .returning();
  if (!row) throw new DomainError("stale_button");
  return row;
}

/**
 * Runs a change that takes a slot. The database's unique indexes decide races: the loser's
 * transaction is rolled back and they are told the slot was taken a moment ago, with the next
 * free ones; a second active booking with the same official is refused the same way.
 */
export async function takingSlot<T>(ctx: Ctx, official: Official, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, "reception_bookings_slot_held")) throw new SlotTakenError(await freeSlots(ctx.db, official, ctx.clock.now()));
    if (isUniqueViolation(error, "reception_bookings_one_active")) throw new DomainError("reception_already_booked");
    throw error;
  }
}
