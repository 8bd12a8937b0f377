import { and, eq } from "drizzle-orm";
import { notifyRoles } from "../staff/notify.js";
import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { appeals, receptionBookings } from "../../db/schema/index.js";
import { getProfile } from "../citizens/profile.js";
import { assertConsentNotWithdrawn } from "../citizens/consent.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { bookingGround } from "./booking-ground.js";
import { bookingAt, changeBooking, heldSlot, takingSlot } from "./booking-row.js";
import { HOUR_MS } from "./local-time.js";
import type { Booking } from "./notices.js";
import { officialById, type Official } from "./officials.js";
import { loadPolicy } from "./policy.js";
import { insertBooking } from "./booking-write.js";
import { remindersAhead, scheduleReminders, withdrawReminders, type ReminderKind } from "./reminders.js";
import { ACTIVE, assertBookable, slotOf, type Slot } from "./slots.js";
import { offerFreedSlot } from "./waitlist.js";

const id = z.number().int().positive();
const matter = z.string().trim().min(3).max(1000);

/** A citizen who may book: signed up with a complete profile (Reg. 7.3.1: the person must be known). */
async function assertCitizen(ctx: Ctx, actor: Actor): Promise<void> {
  assertCan(actor, "reception.book");
  if (!(await getProfile(ctx, actor))) throw new DomainError("profile_missing");
  await assertConsentNotWithdrawn(ctx.db, actor);
}

/** Only one of the citizen's own appeals may be linked. */
async function assertOwnAppeal(db: DbOrTx, actor: Actor, appealId: number | undefined): Promise<void> {
  if (appealId === undefined) return;
  const [row] = await db.select({ id: appeals.id }).from(appeals).where(and(eq(appeals.id, appealId), eq(appeals.citizenUserId, actor.userId)));
  if (!row) throw new DomainError("invalid_input");
}

async function ownBooking(ctx: Ctx, actor: Actor, bookingId: number, version: number): Promise<Booking> {
  assertCan(actor, "reception.book");
  const booking = await bookingAt(ctx.db, bookingId, version);
  if (booking.citizenUserId !== actor.userId) throw new DomainError("reception_booking_unknown");
  return booking;
}

export interface Booked {
  booking: Booking;
  official: Official;
  slot: Slot;
  /** The reminders written for it: all that the confirmation may promise. */
  reminders: ReminderKind[];
}

type NewBookingFields = Pick<typeof receptionBookings.$inferInsert, "matter" | "appealId" | "status" | "slotId" | "preferredSlotId">;

/** Writes the citizen's new booking row while the official's slots are held; `then` adds what its kind needs. */
function newBooking<R>(ctx: Ctx, actor: Actor, official: Official, fields: NewBookingFields, then: (tx: DbOrTx, booking: Booking) => Promise<R>): Promise<R> {
  return takingSlot(ctx, official, () =>
    ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      const [booking] = await tx
        .insert(receptionBookings)
        .values({ officialId: official.id, citizenUserId: actor.userId, ...fields, createdAt: now, updatedAt: now })
        .returning();
      return then(tx, booking!);
    }),
  );
}

const bookInput = z.object({ officialId: id, slotId: id, matter, appealId: id.optional() });

/** The citizen takes a free slot directly, where the official allows it; reminders are written with the booking. */
export async function bookSlot(ctx: Ctx, actor: Actor, raw: z.input<typeof bookInput>): Promise<Booked> {
  const input = parseInput(bookInput, raw);
  const { official, slot, policy, to } = await bookingGround(ctx, actor, input.officialId, input.slotId);
  await assertOwnAppeal(ctx.db, actor, input.appealId);
  const reminders = remindersAhead(ctx, policy, official, slot, to.language);
  const booking = await takingSlot(ctx, official, () =>
    insertBooking(ctx, actor, { officialId: official.id, slotId: slot.id, matter: input.matter, appealId: input.appealId }, reminders, to),
  );
  return { booking, official, slot, reminders: reminders.map((r) => r.kind) };
}

const requestInput = z.object({ officialId: id, matter, appealId: id.optional(), preferredSlotId: id.optional(), waitlist: z.boolean().default(false) });

/**
 * A request for personal reception (Reg. 7.1.5): reception staff confirm a slot, offer another or
 * decline. With `waitlist` the citizen instead waits for the first slot that comes free.
 */
export async function requestReception(ctx: Ctx, actor: Actor, raw: z.input<typeof requestInput>): Promise<{ booking: Booking; official: Official }> {
  const input = parseInput(requestInput, raw);
  await assertCitizen(ctx, actor);
  const official = await officialById(ctx.db, input.officialId);
  if (input.preferredSlotId !== undefined) assertBookable(official, await slotOf(ctx.db, official, input.preferredSlotId), ctx.clock.now());
  await assertOwnAppeal(ctx.db, actor, input.appealId);
  const fields = { matter: input.matter, appealId: input.appealId, status: input.waitlist ? ("waiting" as const) : ("requested" as const), preferredSlotId: input.preferredSlotId };
  return newBooking(ctx, actor, official, fields, async (tx, booking) => {
    if (!input.waitlist) await tellReceptionStaff(ctx, tx, booking);
    return { booking, official };
  });
}

/** Every active member of the reception sector hears of a new request. */
async function tellReceptionStaff(ctx: Ctx, db: DbOrTx, booking: Booking): Promise<void> {
  await notifyRoles(ctx, db, { roles: ["reception"] }, (userId) => `reception:${booking.id}:request:${userId}`, { key: "reception.notice.new_request", params: { id: booking.id } });
}

const changeInput = z.object({ bookingId: id, version: z.number().int().positive() });

function assertBeforeCutoff(cutoffHours: number, slot: Slot, now: Date): void {
  if (slot.startsAt.getTime() - now.getTime() < cutoffHours * HOUR_MS) throw new DomainError("reception_too_late", { hours: cutoffHours });
}

/**
 * The citizen cancels: a request or a place on the waitlist at any time, a booking up to the
 * cut-off. The reminders are withdrawn and the slot goes to the first citizen waiting.
 */
export async function cancelBooking(ctx: Ctx, actor: Actor, raw: z.input<typeof changeInput>): Promise<Booking> {
  const { bookingId, version } = parseInput(changeInput, raw);
  const booking = await ownBooking(ctx, actor, bookingId, version);
  if (!(ACTIVE as readonly string[]).includes(booking.status)) throw new DomainError("stale_button");
  const official = await officialById(ctx.db, booking.officialId, false);
  return ctx.db.transaction(async (tx) => {
    const policy = await loadPolicy(tx);
    const slot = booking.slotId === null ? null : await heldSlot(tx, booking);
    if (slot && booking.status === "booked") assertBeforeCutoff(policy.cancelCutoffHours, slot, ctx.clock.now());
    const cancelled = await changeBooking(ctx, tx, booking, { status: "cancelled", offerExpiresAt: null });
    await withdrawReminders(tx, cancelled);
    if (slot) await offerFreedSlot(ctx, tx, official, slot, policy);
    return cancelled;
  });
}

const rescheduleInput = changeInput.extend({ slotId: id });

/** The citizen moves a booking to another free slot, up to the cut-off and at most the policy's number of times. */
export async function rescheduleBooking(ctx: Ctx, actor: Actor, raw: z.input<typeof rescheduleInput>): Promise<Booked> {
  const { bookingId, version, slotId } = parseInput(rescheduleInput, raw);
  const booking = await ownBooking(ctx, actor, bookingId, version);
  if (booking.status !== "booked") throw new DomainError("stale_button");
  const official = await officialById(ctx.db, booking.officialId, false);
  const policy = await loadPolicy(ctx.db);
  if (booking.reschedules >= policy.maxReschedules) throw new DomainError("reception_reschedule_limit", { max: policy.maxReschedules });
  const slot = await slotOf(ctx.db, official, slotId);
  if (slot.id === booking.slotId) throw new DomainError("reception_same_slot");
  assertBookable(official, slot, ctx.clock.now());
  return takingSlot(ctx, official, () =>
    ctx.db.transaction(async (tx) => {
      const old = await heldSlot(tx, booking);
      assertBeforeCutoff(policy.cancelCutoffHours, old, ctx.clock.now());
      await withdrawReminders(tx, booking);
      const moved = await changeBooking(ctx, tx, booking, { slotId: slot.id, reschedules: booking.reschedules + 1 });
      const reminders = await scheduleReminders(ctx, tx, policy, moved, official, slot);
      await offerFreedSlot(ctx, tx, official, old, policy);
      return { booking: moved, official, slot, reminders };
    }),
  );
}

/** The citizen takes the slot offered to them (from the waitlist, by staff, or after a schedule change) while the offer lasts. */
export async function acceptOffer(ctx: Ctx, actor: Actor, raw: z.input<typeof changeInput>): Promise<Booked> {
  const { bookingId, version } = parseInput(changeInput, raw);
  const booking = await ownBooking(ctx, actor, bookingId, version);
  if (booking.status !== "offered") throw new DomainError("stale_button");
  if (booking.offerExpiresAt! <= ctx.clock.now()) throw new DomainError("reception_offer_expired");
  const official = await officialById(ctx.db, booking.officialId, false);
  return ctx.db.transaction(async (tx) => {
    const slot = await heldSlot(tx, booking);
    const booked = await changeBooking(ctx, tx, booking, { status: "booked", offerExpiresAt: null });
    const reminders = await scheduleReminders(ctx, tx, await loadPolicy(tx), booked, official, slot);
    return { booking: booked, official, slot, reminders };
  });
}

/** The citizen turns the offered slot down; it goes to the next citizen waiting. */
export async function declineOffer(ctx: Ctx, actor: Actor, raw: z.input<typeof changeInput>): Promise<Booking> {
  const { bookingId, version } = parseInput(changeInput, raw);
  const booking = await ownBooking(ctx, actor, bookingId, version);
  if (booking.status !== "offered") throw new DomainError("stale_button");
  const official = await officialById(ctx.db, booking.officialId, false);
  return ctx.db.transaction(async (tx) => {
    const slot = await heldSlot(tx, booking);
    const declined = await changeBooking(ctx, tx, booking, { status: "cancelled", offerExpiresAt: null });
    await offerFreedSlot(ctx, tx, official, slot, await loadPolicy(tx));
    return declined;
  });
}
