import { and, asc, eq, lte } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { receptionBookings } from "../../db/schema/index.js";
import { isUniqueViolation } from "../shared/db-errors.js";
import type { Ctx } from "../shared/context.js";
import { isDomainError } from "../shared/errors.js";
import { changeBooking, heldSlot } from "./booking-row.js";
import { notifyCitizen } from "./notices.js";
import { officialById, type Official } from "./officials.js";
import { loadPolicy, type ReceptionPolicy } from "./policy.js";
import { bookableSpan, type Slot } from "./slots.js";

/** How long an offer holds its slot for the citizen, from now. */
export function offerExpiry(policy: ReceptionPolicy, now: Date): Date {
  return new Date(now.getTime() + policy.offerMinutes * 60_000);
}

/**
 * A slot came free: the first citizen on the official's waitlist is offered it for the policy's
 * time. Done in a savepoint, so if a citizen booked the slot directly in the meantime the offer
 * simply does not happen and the change that freed the slot still stands. Returns whether an offer was made.
 */
export async function offerFreedSlot(ctx: Ctx, db: DbOrTx, official: Official, slot: Slot, policy: ReceptionPolicy): Promise<boolean> {
  const now = ctx.clock.now();
  if (slot.withdrawn || slot.startsAt < bookableSpan(official, now).from) return false;
  const [first] = await db
    .select()
    .from(receptionBookings)
    .where(and(eq(receptionBookings.officialId, official.id), eq(receptionBookings.status, "waiting")))
    .orderBy(asc(receptionBookings.id))
    .limit(1);
  if (!first) return false;
  try {
    return await db.transaction(async (sp) => {
      const offered = await changeBooking(ctx, sp, first, { status: "offered", slotId: slot.id, offerExpiresAt: offerExpiry(policy, now) });
      await notifyCitizen(ctx, sp, offered, official, slot.startsAt, "reception.notice.offered", { minutes: policy.offerMinutes });
      return true;
    });
  } catch (error) {
    if (isUniqueViolation(error, "reception_bookings_slot_held")) return false;
    throw error;
  }
}

/**
 * Offers whose time ran out lapse, and their slot goes to the next citizen waiting. Each offer is
 * lapsed under its version, so a second run, or one on another instance, changes nothing.
 */
export async function expireOffers(ctx: Ctx): Promise<number> {
  const due = await ctx.db
    .select()
    .from(receptionBookings)
    .where(and(eq(receptionBookings.status, "offered"), lte(receptionBookings.offerExpiresAt, ctx.clock.now())))
    .orderBy(asc(receptionBookings.offerExpiresAt));
  let expired = 0;
  for (const booking of due) {
    const done = await ctx.db
      .transaction(async (tx) => {
        const lapsed = await changeBooking(ctx, tx, booking, { status: "expired", offerExpiresAt: null });
        const official = await officialById(tx, booking.officialId, false);
        const slot = await heldSlot(tx, booking);
        await notifyCitizen(ctx, tx, lapsed, official, slot.startsAt, "reception.notice.offer_expired");
        await offerFreedSlot(ctx, tx, official, slot, await loadPolicy(tx));
        return true;
      })
      .catch((error: unknown) => {
        // Another run lapsed it, or the citizen accepted it at the last moment.
        if (isDomainError(error) && error.code === "stale_button") return false;
        throw error;
      });
    if (done) expired++;
  }
  return expired;
}
