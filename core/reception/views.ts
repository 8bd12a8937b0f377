import { and, asc, desc, eq, gte, inArray, lt } from "drizzle-orm";
import { z } from "zod";
import { appeals, citizens, receptionBookings, receptionSlots } from "../../db/schema/index.js";
import { addDays, isIsoDate, type IsoDate } from "../calendar/dates.js";
import type { Ctx } from "../shared/context.js";
import { assertCan, can } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { almatyAt } from "./local-time.js";
import type { Booking } from "./notices.js";
import { activeOfficials, officialById, type Official } from "./officials.js";
import { loadPolicy } from "./policy.js";
import { ACTIVE, SLOT_HOLDING } from "./slots.js";

export interface MyBooking {
  booking: Booking;
  official: Official;
  startsAt: Date | null;
  /** What the citizen may still do with it, under the policy's cut-off and cap. */
  canCancel: boolean;
  canReschedule: boolean;
}

const PAST_SHOWN = 5;

/** "My reception": what is still ahead (requests, offers, bookings) and the latest past ones. */
export async function myReception(ctx: Ctx, actor: Actor): Promise<{ upcoming: MyBooking[]; past: MyBooking[] }> {
  assertCan(actor, "reception.book");
  const policy = await loadPolicy(ctx.db);
  const now = ctx.clock.now();
  const cutoff = now.getTime() + policy.cancelCutoffHours * 3_600_000;
  const rows = await ctx.db
    .select({ booking: receptionBookings, startsAt: receptionSlots.startsAt })
    .from(receptionBookings)
    .leftJoin(receptionSlots, eq(receptionSlots.id, receptionBookings.slotId))
    .where(eq(receptionBookings.citizenUserId, actor.userId))
    .orderBy(desc(receptionBookings.id));
  const officials = new Map<number, Official>();
  const items: MyBooking[] = [];
  for (const { booking, startsAt } of rows) {
    if (!officials.has(booking.officialId)) officials.set(booking.officialId, await officialById(ctx.db, booking.officialId, false));
    const beforeCutoff = startsAt !== null && startsAt.getTime() >= cutoff;
    items.push({
      booking,
      official: officials.get(booking.officialId)!,
      startsAt,
      canCancel: booking.status === "booked" ? beforeCutoff : (ACTIVE as readonly string[]).includes(booking.status),
      canReschedule: booking.status === "booked" && beforeCutoff && booking.reschedules < policy.maxReschedules,
    });
  }
  const active = (b: MyBooking) => (ACTIVE as readonly string[]).includes(b.booking.status);
  const upcoming = items.filter(active).sort((a, b) => (a.startsAt?.getTime() ?? Infinity) - (b.startsAt?.getTime() ?? Infinity));
  return { upcoming, past: items.filter((b) => !active(b)).slice(0, PAST_SHOWN) };
}

/** The officials whose day lists reception staff open. */
export async function deskOfficials(ctx: Ctx, actor: Actor): Promise<Official[]> {
  assertCan(actor, "reception.day");
  return activeOfficials(ctx);
}

export interface DayEntry {
  bookingId: number;
  version: number;
  status: string;
  startsAt: Date;
  endsAt: Date;
  citizenName: string;
  phone: string;
  /** Null for those who see who comes when, but not why (the administrator). */
  matter: string | null;
  appealNumber: string | null;
}

const dayInput = z.object({ officialId: z.number().int().positive(), date: z.string().refine(isIsoDate) });

/** An official's reception day: every slot held by a booking or an offer, in time order. */
export async function dayList(ctx: Ctx, actor: Actor, raw: z.input<typeof dayInput>): Promise<{ official: Official; date: IsoDate; entries: DayEntry[] }> {
  assertCan(actor, "reception.day");
  const { officialId, date } = parseInput(dayInput, raw);
  const official = await officialById(ctx.db, officialId, false);
  const rows = await ctx.db
    .select({ booking: receptionBookings, slot: receptionSlots, citizenName: citizens.fullName, phone: citizens.phone, appealNumber: appeals.number })
    .from(receptionBookings)
    .innerJoin(receptionSlots, eq(receptionSlots.id, receptionBookings.slotId))
    .innerJoin(citizens, eq(citizens.userId, receptionBookings.citizenUserId))
    .leftJoin(appeals, eq(appeals.id, receptionBookings.appealId))
    .where(
      and(
        eq(receptionBookings.officialId, official.id),
        inArray(receptionBookings.status, [...SLOT_HOLDING, "attended", "no_show"]),
        gte(receptionSlots.startsAt, almatyAt(date, "00:00")),
        lt(receptionSlots.startsAt, almatyAt(addDays(date, 1), "00:00")),
      ),
    )
    .orderBy(asc(receptionSlots.startsAt));
  const seesMatter = can(actor, "reception.handle");
  return {
    official,
    date,
    entries: rows.map(({ booking, slot, citizenName, phone, appealNumber }) => ({
      bookingId: booking.id,
      version: booking.version,
      status: booking.status,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      citizenName,
      phone,
      matter: seesMatter ? booking.matter : null,
      appealNumber: seesMatter ? appealNumber : null,
    })),
  };
}

