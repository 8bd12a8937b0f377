import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptOffer, bookSlot, cancelBooking, requestReception } from "../../core/reception/booking.js";
import { receptionJobs } from "../../core/reception/jobs.js";
import type { Official } from "../../core/reception/officials.js";
import { recordOutcome } from "../../core/reception/outcome.js";
import { setException } from "../../core/reception/schedule.js";
import { confirmRequest, declineRequest, offerSlot, pendingRequests } from "../../core/reception/staff-decisions.js";
import { dayList, myReception } from "../../core/reception/views.js";
import { expireOffers } from "../../core/reception/waitlist.js";
import type { Actor } from "../../core/shared/roles.js";
import { controlDocuments, outbox } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";
import { refusal } from "../support/refusal.js";
import { shown } from "../support/texts.js";
import { officialWithHours, receptionMessages, slotAt } from "./fixtures.js";

let tdb: TestDatabase;
let ctx: ReturnType<typeof testCtx>;
let staff: Actor;
let admin: Actor;
let executor: Actor;
let official: Official;
const citizens: Actor[] = [];
beforeAll(async () => {
  tdb = await openTestDatabase();
  ctx = testCtx(tdb.database, "2026-03-02T09:00:00+05:00");
  staff = await staffMember(ctx, 8601, "reception");
  admin = await staffMember(ctx, 8602, "admin");
  executor = await staffMember(ctx, 8603, "executor");
  official = await officialWithHours(ctx, staff, { directBooking: false });
  for (let i = 0; i < 4; i++) citizens.push(await signedUpCitizen(ctx, 8611 + i));
});
afterAll(() => tdb.dispose());

describe(`reception staff and the waitlist on ${dbKind}`, () => {
  it("confirms a request on the slot asked for, tells the citizen, and refuses a stale confirm after a change", async () => {
    const [a] = citizens;
    const preferred = await slotAt(ctx, official.id, "2026-03-04T09:00:00+05:00");
    expect(await refusal(bookSlot(ctx, a!, { officialId: official.id, slotId: preferred, matter: "Тікелей жазылу" }))).toBe("reception_direct_booking_off");
    const { booking } = await requestReception(ctx, a!, { officialId: official.id, matter: "Сот актісінің орындалуы", preferredSlotId: preferred });
    expect((await pendingRequests(ctx, staff)).map((r) => [r.booking.id, r.preferredSlot?.id])).toEqual([[booking.id, preferred]]);
    expect(await refusal(pendingRequests(ctx, admin))).toBe("forbidden");

    const confirmed = await confirmRequest(ctx, staff, { bookingId: booking.id, version: booking.version, slotId: preferred });
    expect(confirmed.booking.status).toBe("booked");
    expect(await refusal(confirmRequest(ctx, staff, { bookingId: booking.id, version: booking.version, slotId: preferred }))).toBe("stale_button");
    const keys = (await receptionMessages(ctx, a!.telegramId)).map((m) => m.key);
    expect(keys).toEqual(["reception.notice.remind_evening", "reception.notice.remind_soon", "reception.notice.booked"]);
  });

  it("declines with a reason the citizen reads, and offers another slot that the citizen accepts", async () => {
    const [, b, c] = citizens;
    const req = await requestReception(ctx, b!, { officialId: official.id, matter: "Не согласен с приговором" });
    const reason = "Обжалование приговора — вопрос суда: подайте апелляционную жалобу через суд первой инстанции.";
    await declineRequest(ctx, staff, { bookingId: req.booking.id, version: req.booking.version, reason });
    expect((await receptionMessages(ctx, b!.telegramId)).at(-1)).toMatchObject({ key: "reception.notice.declined", params: { reason } });

    // A templated reason reaches a Kazakh-speaking citizen in Kazakh, whatever the language of the staff member.
    const again = await requestReception(ctx, b!, { officialId: official.id, matter: "Сот үкіміне келіспеймін" });
    await declineRequest(ctx, staff, { bookingId: again.booking.id, version: again.booking.version, reason: shown("ru", "reception.desk.quick_text.courts"), template: "courts" });
    const notice = (await receptionMessages(ctx, b!.telegramId)).at(-1)!;
    expect(shown("kk", notice.key, notice.params)).toContain(shown("kk", "reception.desk.quick_text.courts"));

    const other = await requestReception(ctx, c!, { officialId: official.id, matter: "Вопрос по исполнительному производству" });
    const slotId = await slotAt(ctx, official.id, "2026-03-05T09:30:00+05:00");
    const offered = await offerSlot(ctx, staff, { bookingId: other.booking.id, version: other.booking.version, slotId });
    expect(offered.booking.status).toBe("offered");
    const accepted = await acceptOffer(ctx, c!, { bookingId: offered.booking.id, version: offered.booking.version });
    expect(accepted.booking.status).toBe("booked");
    expect((await myReception(ctx, c!)).upcoming.map((u) => [u.booking.status, u.canCancel, u.canReschedule])).toEqual([["booked", true, true]]);
  });

  it("offers a freed slot to the first citizen waiting, lapses the offer in time and passes it on, once", async () => {
    const [a, b, , d] = citizens;
    const first = await requestReception(ctx, b!, { officialId: official.id, matter: "Күту тізімі", waitlist: true });
    const second = await requestReception(ctx, d!, { officialId: official.id, matter: "Күту тізімі екінші", waitlist: true });
    const held = (await myReception(ctx, a!)).upcoming[0]!.booking;
    await cancelBooking(ctx, a!, { bookingId: held.id, version: held.version });

    const offeredToFirst = (await myReception(ctx, b!)).upcoming[0]!;
    expect(offeredToFirst.booking).toMatchObject({ id: first.booking.id, status: "offered", slotId: held.slotId });
    expect((await myReception(ctx, d!)).upcoming[0]!.booking.status).toBe("waiting");

    ctx.clock.advance(119 * 60_000);
    expect(await expireOffers(ctx)).toBe(0);
    ctx.clock.advance(60_000);
    const job = receptionJobs.find((j) => j.name === "reception.expire-offers")!;
    expect(await job.run(ctx)).toBe(1);
    expect(await job.run(ctx)).toBe(0);
    expect((await myReception(ctx, b!)).past[0]!.booking.status).toBe("expired");
    expect((await myReception(ctx, d!)).upcoming[0]!.booking).toMatchObject({ id: second.booking.id, status: "offered", slotId: held.slotId });
    expect((await receptionMessages(ctx, b!.telegramId)).map((m) => m.key).slice(-2)).toEqual(["reception.notice.offered", "reception.notice.offer_expired"]);
    ctx.clock.set("2026-03-02T09:00:00+05:00");
  });

  it("never drops a booking when the schedule changes: its citizen is offered the nearest free slot and the old reminders go", async () => {
    const c = citizens[2]!;
    const before = (await myReception(ctx, c)).upcoming[0]!;
    await setException(ctx, staff, { officialId: official.id, day: "2026-03-05", kind: "off", note: "іссапар" });
    const after = (await myReception(ctx, c)).upcoming[0]!;
    expect(after.booking).toMatchObject({ id: before.booking.id, status: "offered" });
    expect(after.startsAt!.getTime()).not.toBe(before.startsAt!.getTime());
    const messages = await receptionMessages(ctx, c.telegramId);
    expect(messages.filter((m) => m.key.includes("remind")).every((m) => m.status === "cancelled")).toBe(true);
    expect(messages.at(-1)).toMatchObject({ key: "reception.notice.schedule_moved", params: { time: "05.03.2026 09:30" } });
  });

  it("records the outcome after the meeting, its assignment put under control in the same transaction, and a note to the citizen", async () => {
    const a = citizens[0]!;
    const slotId = await slotAt(ctx, official.id, "2026-03-06T11:00:00+05:00");
    const req = await requestReception(ctx, a, { officialId: official.id, matter: "Сот орындаушысының әрекетсіздігі" });
    const { booking } = await confirmRequest(ctx, staff, { bookingId: req.booking.id, version: req.booking.version, slotId });
    const assignment = { text: "Сот орындаушысының әрекетсіздігін тексеру", executorUserId: executor.userId, dueOn: "2026-03-20" };
    expect(await refusal(recordOutcome(ctx, staff, { bookingId: booking.id, version: booking.version, attended: true, assignments: [assignment] }))).toBe("reception_not_yet");

    ctx.clock.set("2026-03-06T11:40:00+05:00");
    const day = await dayList(ctx, staff, { officialId: official.id, date: "2026-03-06" });
    expect(day.entries.map((e) => [e.bookingId, e.matter])).toEqual([[booking.id, "Сот орындаушысының әрекетсіздігі"]]);
    expect((await dayList(ctx, admin, { officialId: official.id, date: "2026-03-06" })).entries[0]!.matter).toBeNull();
    expect(await refusal(recordOutcome(ctx, staff, { bookingId: booking.id, version: booking.version, attended: true, assignments: [{ ...assignment, executorUserId: a.userId }] }))).toBe(
      "control_executor_unknown",
    );
    expect(await refusal(recordOutcome(ctx, admin, { bookingId: booking.id, version: booking.version, attended: true }))).toBe("forbidden");
    // An assignment the control register refuses (due on a Saturday) refuses the whole outcome.
    expect(await refusal(recordOutcome(ctx, staff, { bookingId: booking.id, version: booking.version, attended: true, assignments: [{ ...assignment, dueOn: "2026-03-21" }] }))).toBe("control_due_day_off");
    expect(await ctx.db.select().from(controlDocuments)).toEqual([]);
    const { booking: done, outcome } = await recordOutcome(ctx, staff, {
      bookingId: booking.id,
      version: booking.version,
      attended: true,
      summary: "Азамат сот орындаушысының әрекетсіздігіне шағымданды.",
      assignments: [assignment],
      noteToCitizen: "Сіздің өтінішіңіз бойынша тексеру тағайындалды, мерзімі 20.03.2026.",
    });
    expect(done.status).toBe("attended");
    expect(outcome.assignments).toEqual([{ ...assignment, controlNumber: expect.stringMatching(/^БҚ-2026-\d{6}$/) }]);
    const [control] = await ctx.db.select().from(controlDocuments);
    expect(control).toMatchObject({ number: outcome.assignments[0]!.controlNumber, source: "reception", originKind: "reception", originId: booking.id, dueOn: "2026-03-20" });
    expect((await ctx.db.select().from(outbox).where(eq(outbox.chatId, executor.telegramId))).map((r) => (r.payload as { key: string }).key)).toContain("control.notice.assigned");
    expect((await receptionMessages(ctx, a.telegramId)).at(-1)).toMatchObject({ key: "reception.notice.outcome" });
    expect(await refusal(recordOutcome(ctx, staff, { bookingId: booking.id, version: done.version, attended: false }))).toBe("stale_button");
  });
});
