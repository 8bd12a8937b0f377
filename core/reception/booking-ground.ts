import { and, eq, inArray, sql } from "drizzle-orm";
import { citizens, officials, receptionBookings, receptionPolicy, receptionSlots, users } from "../../db/schema/index.js";
import { consentStateOf } from "../citizens/consent.js";
import { languageOf } from "../people/language.js";
import { preparedPer } from "../../db/prepared.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import type { Recipient } from "./notices.js";
import type { Official } from "./officials.js";
import type { ReceptionPolicy } from "./policy.js";
import { SlotTakenError } from "./slot-taken.js";
import { ACTIVE, assertBookable, freeSlots, SLOT_HOLDING, type Slot } from "./slots.js";

export interface BookingGround {
  official: Official;
  slot: Slot;
  policy: ReceptionPolicy;
  /** Where the citizen's reminders go. */
  to: Recipient;
}

const ground = preparedPer((db) =>
  db
    .select({
      official: officials,
      slot: receptionSlots,
      policy: receptionPolicy,
      consent: consentStateOf(users.id),
      profiled: sql<boolean>`exists (select 1 from ${citizens} where ${citizens.userId} = ${users.id})`,
      // What the unique indexes would refuse, seen before a transaction is opened for nothing: most
      // who lose a slot press after its winner committed. A race between the two still goes to the indexes.
      bookedHere: sql<boolean>`exists (select 1 from ${receptionBookings} where ${and(
        eq(receptionBookings.citizenUserId, users.id),
        eq(receptionBookings.officialId, sql.placeholder("officialId")),
        inArray(receptionBookings.status, [...ACTIVE]),
      )})`,
      slotHeld: sql<boolean>`exists (select 1 from ${receptionBookings} where ${and(eq(receptionBookings.slotId, sql.placeholder("slotId")), inArray(receptionBookings.status, [...SLOT_HOLDING]))})`,
      chatId: users.telegramId,
      language: users.language,
      seenLanguage: users.seenLanguage,
    })
    .from(users)
    .leftJoin(receptionPolicy, sql`true`)
    .leftJoin(officials, and(eq(officials.id, sql.placeholder("officialId")), eq(officials.active, true)))
    .leftJoin(receptionSlots, and(eq(receptionSlots.id, sql.placeholder("slotId")), eq(receptionSlots.officialId, officials.id), eq(receptionSlots.withdrawn, false)))
    .where(eq(users.id, sql.placeholder("userId")))
    .prepare("booking_ground"),
);

/**
 * What a citizen's direct booking is checked against and written with, read in one statement: the
 * citizen (signed up, consent not withdrawn, their chat), the official, the slot and the policy.
 * A booking is a race for a slot, so every round trip saved before it is time a rival does not get.
 * The refusals come in the order a citizen would fix them: profile, consent, official, slot, and
 * then the slot already taken, with the next free ones.
 */
export async function bookingGround(ctx: Ctx, actor: Actor, officialId: number, slotId: number): Promise<BookingGround> {
  assertCan(actor, "reception.book");
  const [row] = await ground(ctx.db).execute({ userId: actor.userId, officialId, slotId });
  if (!row?.profiled) throw new DomainError("profile_missing");
  if (!row.policy) throw new Error("reception_policy has no row: the migrations were not applied");
  if (row.consent === "withdrawn") throw new DomainError("consent_withdrawn");
  if (!row.official) throw new DomainError("reception_official_unknown");
  if (!row.official.directBooking) throw new DomainError("reception_direct_booking_off");
  if (!row.slot) throw new DomainError("reception_slot_unknown");
  assertBookable(row.official, row.slot, ctx.clock.now());
  if (row.bookedHere) throw new DomainError("reception_already_booked");
  if (row.slotHeld) throw new SlotTakenError(await freeSlots(ctx.db, row.official, ctx.clock.now()));
  return { official: row.official, slot: row.slot, policy: row.policy, to: { chatId: row.chatId, language: languageOf(row) } };
}
