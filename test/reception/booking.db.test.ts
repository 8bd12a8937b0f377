import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookSlot, cancelBooking, requestReception, rescheduleBooking } from "../../core/reception/booking.js";
import { isSlotTaken } from "../../core/reception/slot-taken.js";
import { freeSlots } from "../../core/reception/slots.js";
import { identify } from "../../core/people/users.js";
import type { Actor } from "../../core/shared/roles.js";
import type { Official } from "../../core/reception/officials.js";
import { receptionSlots } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";
import { refusal, refusalOf } from "../support/refusal.js";
import { officialWithHours, receptionMessages, slotAt } from "./fixtures.js";

let tdb: TestDatabase;
let ctx: ReturnType<typeof testCtx>;
let staff: Actor;
let aigerim: Actor;
let ivan: Actor;
let official: Official;
let other: Official;
beforeAll(async () => {
  tdb = await openTestDatabase();
  // Monday 2 March 2026, 09:00 in Astana.
  ctx = testCtx(tdb.database, "2026-03-02T09:00:00+05:00");
  staff = await staffMember(ctx, 8501, "reception");
  aigerim = await signedUpCitizen(ctx, 8511);
  ivan = await signedUpCitizen(ctx, 8512, { fullName: "Петров Иван", iin: "900101300017" });
  official = await officialWithHours(ctx, staff);
  other = await officialWithHours(ctx, staff);
});
afterAll(() => tdb.dispose());

describe(`booking personal reception on ${dbKind}`, () => {
  it("makes slots only on working days, around the break, within the booking window", async () => {
    const slots = await ctx.db.select().from(receptionSlots).where(eq(receptionSlots.officialId, official.id));
    const local = slots.map((s) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Almaty", dateStyle: "short", timeStyle: "short" }).format(s.startsAt));
    const days = new Set(local.map((l) => l.slice(0, 10)));
    expect(local.filter((l) => l.startsWith("2026-03-03"))).toEqual(["2026-03-03 09:00", "2026-03-03 09:30", "2026-03-03 10:00", "2026-03-03 11:00", "2026-03-03 11:30"]);
    // International Women's Day moved to Monday 9 March, Nauryz on 23–25 March, and weekends: no slots.
    for (const dayOff of ["2026-03-07", "2026-03-08", "2026-03-09", "2026-03-23", "2026-03-24", "2026-03-25"]) expect(days.has(dayOff)).toBe(false);
    expect([...days].sort().at(-1)).toBe("2026-04-01");
    // Today's slots after 09:00 exist but are inside the minimum notice.
    expect((await freeSlots(ctx.db, official, ctx.clock.now(), 1))[0]!.startsAt.toISOString()).toBe("2026-03-03T04:00:00.000Z");
  });

  it("books a free slot and writes reminders for the evening before at 18:00 and two hours before", async () => {
    const slotId = await slotAt(ctx, official.id, "2026-03-04T10:00:00+05:00");
    const { booking } = await bookSlot(ctx, aigerim, { officialId: official.id, slotId, matter: "Сот шешімінің орындалмауы туралы" });
    expect(booking.status).toBe("booked");
    const reminders = await receptionMessages(ctx, aigerim.telegramId);
    expect(reminders.map((r) => [r.key, r.notBefore, r.status])).toEqual([
      ["reception.notice.remind_evening", "2026-03-03T13:00:00.000Z", "pending"],
      ["reception.notice.remind_soon", "2026-03-04T03:00:00.000Z", "pending"],
    ]);
    expect(reminders[0]!.params).toMatchObject({ official: "Әлиев Марат", time: "04.03.2026 10:00", place: expect.stringContaining("312") });
  });

  it("refuses a second booking with the same official, a taken slot, a slot inside the notice, a forged slot and a citizen without a profile", async () => {
    const taken = await slotAt(ctx, official.id, "2026-03-04T10:00:00+05:00");
    const free = await slotAt(ctx, official.id, "2026-03-05T09:00:00+05:00");
    expect(await refusal(bookSlot(ctx, aigerim, { officialId: official.id, slotId: free, matter: "Екінші рет" }))).toBe("reception_already_booked");

    const lost = await refusalOf(bookSlot(ctx, ivan, { officialId: official.id, slotId: taken, matter: "Тот же час" }));
    expect(lost.code).toBe("reception_slot_taken");
    expect(isSlotTaken(lost) && lost.alternatives.length).toBeGreaterThan(0);
    expect(isSlotTaken(lost) && lost.alternatives.map((s) => s.id)).not.toContain(taken);

    const soon = await slotAt(ctx, official.id, "2026-03-02T11:00:00+05:00");
    expect(await refusal(bookSlot(ctx, ivan, { officialId: official.id, slotId: soon, matter: "Срочно" }))).toBe("reception_slot_too_soon");
    expect(await refusal(bookSlot(ctx, ivan, { officialId: official.id, slotId: 999_999, matter: "Подделка" }))).toBe("reception_slot_unknown");
    const othersSlot = await slotAt(ctx, other.id, "2026-03-05T09:00:00+05:00");
    expect(await refusal(bookSlot(ctx, ivan, { officialId: official.id, slotId: othersSlot, matter: "Чужой слот" }))).toBe("reception_slot_unknown");
    const stranger = await identify(ctx, { telegramId: 8519 });
    expect(await refusal(bookSlot(ctx, stranger, { officialId: official.id, slotId: free, matter: "Без профиля" }))).toBe("profile_missing");
    expect(await refusal(bookSlot(ctx, staff, { officialId: official.id, slotId: free, matter: "Сотрудник" }))).toBe("forbidden");
  });

  it("moves a booking twice, withdrawing the old reminders each time, and refuses a third move", async () => {
    const first = await slotAt(ctx, other.id, "2026-03-10T09:00:00+05:00");
    let { booking } = await bookSlot(ctx, ivan, { officialId: other.id, slotId: first, matter: "Исполнение решения суда" });
    for (const at of ["2026-03-11T09:00:00+05:00", "2026-03-12T09:00:00+05:00"]) {
      ({ booking } = await rescheduleBooking(ctx, ivan, { bookingId: booking.id, version: booking.version, slotId: await slotAt(ctx, other.id, at) }));
    }
    const third = await slotAt(ctx, other.id, "2026-03-13T09:00:00+05:00");
    expect(await refusal(rescheduleBooking(ctx, ivan, { bookingId: booking.id, version: booking.version, slotId: third }))).toBe("reception_reschedule_limit");
    const reminders = (await receptionMessages(ctx, ivan.telegramId)).filter((m) => m.key.includes("remind"));
    expect(reminders.filter((r) => r.status === "pending").map((r) => r.notBefore)).toEqual(["2026-03-11T13:00:00.000Z", "2026-03-12T02:00:00.000Z"]);
    expect(reminders.filter((r) => r.status === "cancelled")).toHaveLength(4);
    // The freed slots are free again.
    expect((await freeSlots(ctx.db, other, ctx.clock.now(), 200)).map((s) => s.id)).toContain(first);
  });

  it("cancels up to the cut-off and withdraws the reminders; after it, nothing changes", async () => {
    const slotId = await slotAt(ctx, other.id, "2026-03-16T09:00:00+05:00");
    const me = await signedUpCitizen(ctx, 8513, { fullName: "Ахметов Ержан", iin: "870615400228" });
    const { booking } = await bookSlot(ctx, me, { officialId: other.id, slotId, matter: "Вопрос о сроках" });
    ctx.clock.set("2026-03-15T10:00:00+05:00");
    expect(await refusal(cancelBooking(ctx, me, { bookingId: booking.id, version: booking.version }))).toBe("reception_too_late");
    ctx.clock.set("2026-03-15T08:59:00+05:00");
    expect(await refusal(cancelBooking(ctx, ivan, { bookingId: booking.id, version: booking.version }))).toBe("reception_booking_unknown");
    const cancelled = await cancelBooking(ctx, me, { bookingId: booking.id, version: booking.version });
    expect(cancelled.status).toBe("cancelled");
    expect(await refusal(cancelBooking(ctx, me, { bookingId: booking.id, version: booking.version }))).toBe("stale_button");
    const reminders = (await receptionMessages(ctx, me.telegramId)).filter((m) => m.key.includes("remind"));
    expect(reminders.map((r) => r.status)).toEqual(["cancelled", "cancelled"]);
    ctx.clock.set("2026-03-02T09:00:00+05:00");
  });

  it("takes a request without a slot, or a place on the waitlist, once per official", async () => {
    const waiter = await signedUpCitizen(ctx, 8514, { fullName: "Нұрланова Мадина", iin: "870615400228" });
    const { booking } = await requestReception(ctx, waiter, { officialId: other.id, matter: "Жеке қабылдауға жазылу", waitlist: true });
    expect(booking.status).toBe("waiting");
    expect(await refusal(requestReception(ctx, waiter, { officialId: other.id, matter: "Тағы да" }))).toBe("reception_already_booked");
  });
});
