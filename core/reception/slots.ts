import { and, asc, eq, gte, inArray, isNull, lte, sql } from "drizzle-orm";
import { preparedPer } from "../../db/prepared.js";
import type { DbOrTx } from "../../db/client.js";
import { receptionBookings, receptionSlots } from "../../db/schema/index.js";
import { DomainError } from "../shared/errors.js";
import { HOUR_MS } from "./local-time.js";
import type { Official } from "./officials.js";

export type Slot = typeof receptionSlots.$inferSelect;

/** Statuses that hold a slot: the partial unique index lets one booking per slot be in them. */
export const SLOT_HOLDING = ["offered", "booked"] as const;
/** Statuses of a booking still in play: one per citizen and official. */
export const ACTIVE = ["requested", "waiting", "offered", "booked"] as const;

/** The span a citizen may book in: from the minimum notice to the end of the booking window. */
export function bookableSpan(official: Official, now: Date): { from: Date; to: Date } {
  return { from: new Date(now.getTime() + official.minNoticeHours * HOUR_MS), to: new Date(now.getTime() + official.bookingWindowDays * 24 * HOUR_MS) };
}

const free = preparedPer((db) =>
  db
    .select({ slot: receptionSlots })
    .from(receptionSlots)
    .leftJoin(receptionBookings, and(eq(receptionBookings.slotId, receptionSlots.id), inArray(receptionBookings.status, [...SLOT_HOLDING])))
    .where(
      and(
        eq(receptionSlots.officialId, sql.placeholder("officialId")),
        eq(receptionSlots.withdrawn, false),
        gte(receptionSlots.startsAt, sql.placeholder("from")),
        lte(receptionSlots.startsAt, sql.placeholder("to")),
        isNull(receptionBookings.id),
      ),
    )
    .orderBy(asc(receptionSlots.startsAt))
    .limit(sql.placeholder("limit"))
    .prepare("free_slots"),
);

/** The next free slots of an official that a citizen may book now, the soonest first (what a loser of a race is offered). */
export async function freeSlots(db: DbOrTx, official: Official, now: Date, limit = 6): Promise<Slot[]> {
  const span = bookableSpan(official, now);
  const rows = await free(db).execute({ officialId: official.id, from: span.from.toISOString(), to: span.to.toISOString(), limit });
  return rows.map((r) => r.slot);
}

/** A slot of this official that is still on the schedule; a forged or withdrawn id is refused. */
export async function slotOf(db: DbOrTx, official: Official, slotId: number): Promise<Slot> {
  const [slot] = await db
    .select()
    .from(receptionSlots)
    .where(and(eq(receptionSlots.id, slotId), eq(receptionSlots.officialId, official.id), eq(receptionSlots.withdrawn, false)));
  if (!slot) throw new DomainError("reception_slot_unknown");
  return slot;
}

/** A citizen may take a slot only between the minimum notice and the end of the booking window. */
export function assertBookable(official: Official, slot: Slot, now: Date): void {
  if (slot.startsAt <= now) throw new DomainError("reception_slot_past");
  const span = bookableSpan(official, now);
  if (slot.startsAt < span.from) throw new DomainError("reception_slot_too_soon", { hours: official.minNoticeHours });
  if (slot.startsAt > span.to) throw new DomainError("reception_slot_too_far", { days: official.bookingWindowDays });
}

/** Staff may place a citizen inside the notice, but never in the past. */
export function assertFuture(slot: Slot, now: Date): void {
  if (slot.startsAt <= now) throw new DomainError("reception_slot_past");
}
