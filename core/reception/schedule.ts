import { and, eq, gte, inArray } from "drizzle-orm";
import { z } from "zod";
import { receptionBookings, receptionExceptions, receptionHours, receptionSlots } from "../../db/schema/index.js";
import { addDays, almatyDate, isIsoDate } from "../calendar/dates.js";
import { loadCalendar } from "../calendar/calendar-store.js";
import type { Ctx } from "../shared/context.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { changeBooking } from "./booking-row.js";
import { notifyCitizen, slotTime } from "./notices.js";
import { activeOfficials, officialById, type Official } from "./officials.js";
import { loadPolicy, type ReceptionPolicy } from "./policy.js";
import { withdrawReminders } from "./reminders.js";
import { slotsOfDay, type DatedException } from "./slot-rules.js";
import { freeSlots, SLOT_HOLDING, type Slot } from "./slots.js";
import { offerExpiry } from "./waitlist.js";

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const hoursRule = z
  .object({ weekday: z.number().int().min(0).max(6), starts: time, ends: time, slotMinutes: z.number().int().min(5).max(240), breakStarts: time.nullable().default(null), breakEnds: time.nullable().default(null) })
  .refine((r) => r.starts < r.ends && (r.breakStarts === null) === (r.breakEnds === null) && (r.breakStarts === null || r.breakStarts < r.breakEnds!));
const hoursInput = z.object({ officialId: z.number().int().positive(), hours: z.array(hoursRule).max(21) });

/**
 * Replaces an official's weekly rules and remakes the slots. A booking whose slot the new rules
 * no longer have is not dropped: its citizen is offered the nearest free slot (see `materialiseSlots`).
 */
export async function setWeeklyHours(ctx: Ctx, actor: Actor, raw: z.input<typeof hoursInput>): Promise<number> {
  const { officialId, hours } = parseInput(hoursInput, raw);
  assertCan(actor, "reception.schedule");
  const official = await officialById(ctx.db, officialId, false);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(receptionHours).where(eq(receptionHours.officialId, officialId));
    if (hours.length > 0) await tx.insert(receptionHours).values(hours.map((h) => ({ ...h, officialId })));
  });
  return materialiseSlots(ctx, official);
}

const exceptionInput = z
  .object({
    officialId: z.number().int().positive(),
    day: z.string().refine(isIsoDate),
    kind: z.enum(["off", "extra", "none"]),
    starts: time.optional(),
    ends: time.optional(),
    slotMinutes: z.number().int().min(5).max(240).optional(),
    note: z.string().max(300).default(""),
  })
  .refine((e) => e.kind !== "extra" || (e.starts !== undefined && e.ends !== undefined && e.slotMinutes !== undefined && e.starts < e.ends));

/** A dated exception: away that day (`off`), other hours that day (`extra`), or back to the weekly rules (`none`). */
export async function setException(ctx: Ctx, actor: Actor, raw: z.input<typeof exceptionInput>): Promise<number> {
  assertCan(actor, "reception.schedule");
  const input = parseInput(exceptionInput, raw);
  const official = await officialById(ctx.db, input.officialId, false);
  const where = and(eq(receptionExceptions.officialId, official.id), eq(receptionExceptions.day, input.day));
  await ctx.db.transaction(async (tx) => {
    await tx.delete(receptionExceptions).where(where);
    if (input.kind === "none") return;
    await tx.insert(receptionExceptions).values({
      officialId: official.id,
      day: input.day,
      kind: input.kind,
      starts: input.starts ?? null,
      ends: input.ends ?? null,
      slotMinutes: input.slotMinutes ?? null,
      note: input.note,
    });
  });
  return materialiseSlots(ctx, official);
}

/**
 * Makes the official's slots match the schedule from now to the end of the booking window: new
 * slots are added, slots the schedule dropped are withdrawn (kept as rows), a withdrawn slot the
 * schedule has again comes back. Returns how many slots were added or withdrawn.
 */
export async function materialiseSlots(ctx: Ctx, official: Official): Promise<number> {
  const now = ctx.clock.now();
  const today = almatyDate(now);
  const calendar = await loadCalendar(ctx.db);
  const hours = await ctx.db.select().from(receptionHours).where(eq(receptionHours.officialId, official.id));
  const exceptions = new Map(
    (await ctx.db.select().from(receptionExceptions).where(and(eq(receptionExceptions.officialId, official.id), gte(receptionExceptions.day, today)))).map((e) => [e.day, e as DatedException]),
  );
  const wanted = new Map<number, { startsAt: Date; endsAt: Date }>();
  if (official.active) {
    for (let day = today, i = 0; i <= official.bookingWindowDays; i++, day = addDays(day, 1)) {
      for (const slot of slotsOfDay(calendar, hours, exceptions.get(day), day)) if (slot.startsAt > now) wanted.set(slot.startsAt.getTime(), slot);
    }
  }
  const existing = await ctx.db.select().from(receptionSlots).where(and(eq(receptionSlots.officialId, official.id), gte(receptionSlots.startsAt, now)));
  const known = new Map(existing.map((s) => [s.startsAt.getTime(), s]));
  const added = [...wanted.values()].filter((s) => !known.has(s.startsAt.getTime())).map((s) => ({ officialId: official.id, ...s }));
  const restored = existing.filter((s) => s.withdrawn && wanted.get(s.startsAt.getTime())?.endsAt.getTime() === s.endsAt.getTime());
  const dropped = existing.filter((s) => !s.withdrawn && wanted.get(s.startsAt.getTime())?.endsAt.getTime() !== s.endsAt.getTime());
  if (added.length > 0) await ctx.db.insert(receptionSlots).values(added).onConflictDoNothing();
  if (restored.length > 0) await ctx.db.update(receptionSlots).set({ withdrawn: false }).where(inArray(receptionSlots.id, restored.map((s) => s.id)));
  if (dropped.length > 0) await withdrawSlots(ctx, official, dropped, await loadPolicy(ctx.db));
  return added.length + dropped.length;
}

/**
 * Withdraws slots the schedule no longer has. Each booking or offer on one is moved to an offer
 * of the nearest free slot, or onto the waitlist when there is none, and its citizen is told why.
 */
async function withdrawSlots(ctx: Ctx, official: Official, dropped: Slot[], policy: ReceptionPolicy): Promise<void> {
  for (const slot of dropped) {
    await ctx.db.transaction(async (tx) => {
      await tx.update(receptionSlots).set({ withdrawn: true }).where(eq(receptionSlots.id, slot.id));
      const [held] = await tx
        .select()
        .from(receptionBookings)
        .where(and(eq(receptionBookings.slotId, slot.id), inArray(receptionBookings.status, [...SLOT_HOLDING])));
      if (!held) return;
      await withdrawReminders(tx, held);
      const [next] = await freeSlots(tx, official, ctx.clock.now(), 1);
      const moved = next
        ? await changeBooking(ctx, tx, held, { status: "offered", slotId: next.id, offerExpiresAt: offerExpiry(policy, ctx.clock.now()) })
        : await changeBooking(ctx, tx, held, { status: "waiting", slotId: null, offerExpiresAt: null });
      await notifyCitizen(ctx, tx, moved, official, slot.startsAt, next ? "reception.notice.schedule_moved" : "reception.notice.schedule_waiting", {
        offered: next ? slotTime(next.startsAt) : "",
        minutes: policy.offerMinutes,
      });
    });
  }
}

/** Keeps every official's slots a full booking window ahead; for the daily job. */
export async function materialiseAllSlots(ctx: Ctx): Promise<number> {
  let changed = 0;
  for (const official of await activeOfficials(ctx)) changed += await materialiseSlots(ctx, official);
  return changed;
}
