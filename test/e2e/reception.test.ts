import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAppeal } from "../../core/appeals/register.js";
import { assignRoles, identify, setLanguage } from "../../core/people/users.js";
import { requestReception } from "../../core/reception/booking.js";
import { addOfficial, type Official } from "../../core/reception/officials.js";
import { confirmRequest } from "../../core/reception/staff-decisions.js";
import { setWeeklyHours } from "../../core/reception/schedule.js";
import { outbox, receptionBookings } from "../../db/schema/index.js";
import { signedUpCitizen } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { shown } from "../support/texts.js";
import { slotAt } from "../reception/fixtures.js";
import type { ChatMessage } from "../support/sandbox-user.js";

const CITIZEN = 970001;
const RECEPTION = 970101;
const EXECUTOR = 970102;

let h: Harness;
let official: Official;
let appeal: { appealId: number; number: string };
beforeAll(async () => {
  h = await startHarness([citizen(CITIZEN, "kk"), { ...citizen(RECEPTION, "ru"), demoRole: "reception" }, { ...citizen(EXECUTOR, "kk"), demoRole: "executor" }]);
  const core = h.app().core;
  await assignRoles(core, [
    { telegramId: RECEPTION, role: "reception", fullName: "Ахметова Гульнара" },
    { telegramId: EXECUTOR, role: "executor", fullName: "Сейітов Нұрлан" },
  ]);
  const reception = await identify(core, { telegramId: RECEPTION });
  await setLanguage(core, core.db, reception, "ru");
  const owner = await signedUpCitizen(core, CITIZEN);
  await setLanguage(core, core.db, await identify(core, { telegramId: CITIZEN }), "kk");
  appeal = await registerAppeal(core, owner, { draftId: randomUUID(), type: "complaint", text: "Сот шешімі орындалмай жатыр, сот орындаушысы әрекетсіз.", language: "kk", replyChannel: "chat" });
  official = await addOfficial(core, reception, {
    nameKk: "Әлиев Марат",
    nameRu: "Алиев Марат",
    titleKk: "Сот әкімшілігі басшысының орынбасары",
    titleRu: "Заместитель руководителя Судебной администрации",
    placeKk: "Астана, Қабанбай батыр д-лы, 2, 3-қабат, 312-бөлме",
    placeRu: "Астана, пр. Кабанбай батыра, 2, 3 этаж, кабинет 312",
    bookingWindowDays: 30,
    minNoticeHours: 24,
    directBooking: false,
  });
  await setWeeklyHours(core, reception, { officialId: official.id, hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, starts: "10:00", ends: "12:00", slotMinutes: 30 })) });
});
afterAll(() => h.dispose());

async function reminders() {
  const rows = await h.app().core.db.select().from(outbox).where(eq(outbox.chatId, CITIZEN));
  return rows
    .filter((r) => (r.payload as { key: string }).key.includes("remind"))
    .map((r) => ({ key: (r.payload as { key: string }).key, at: r.notBefore.toISOString(), status: r.status }))
    .sort((a, b) => a.at.localeCompare(b.at));
}

describe(`personal reception end to end on ${dbKind}`, () => {
  it("takes a request linked to an appeal across a restart, is confirmed by staff, reminds at the right times, moves without the old reminders, and records the outcome with an assignment", async () => {
    const u = h.user(CITIZEN);
    const desk = h.user(RECEPTION);

    // The citizen asks for a reception at a preferred time.
    await u.send("/start");
    await u.press(shown("kk", "menu.reception"));
    await u.press(shown("kk", "reception.my.book"));
    await u.press("Әлиев Марат");
    await u.waitForBot(shown("kk", "reception.book.ask_matter", { official: "Әлиев Марат" }).slice(0, 40));
    // A redeploy between two steps: the booking goes on where it was.
    await h.restart();
    await u.send("Сот шешімі алты ай бойы орындалмай жатыр");
    await u.waitForBot(shown("kk", "reception.book.ask_link"));
    await u.press(appeal.number);
    await u.press("04.03.2026 10:00");
    await u.waitForBot(shown("kk", "reception.book.requested"));

    // Reception staff are told, and confirm the preferred time.
    await desk.waitForBot(/№ \d+\. /);
    await desk.send("/reception");
    const request = await desk.waitForBot("Сот шешімі алты ай бойы орындалмай жатыр");
    expect(request.text).toContain(shown("ru", "reception.desk.linked", { number: appeal.number }));
    await desk.press(shown("ru", "reception.desk.confirm", { time: "04.03.2026 10:00" }));
    await desk.waitForBot(/подтверждена: 04\.03\.2026 10:00/);
    await u.waitForBot(shown("kk", "reception.notice.booked", { official: "Әлиев Марат", time: "04.03.2026 10:00", place: official.placeKk }));
    expect(await reminders()).toEqual([
      { key: "reception.notice.remind_evening", at: "2026-03-03T13:00:00.000Z", status: "pending" },
      { key: "reception.notice.remind_soon", at: "2026-03-04T03:00:00.000Z", status: "pending" },
    ]);

    // The citizen moves it to the next day: the old reminders are withdrawn, new ones written.
    await u.send("/start");
    await u.press(shown("kk", "menu.reception"));
    await u.press(shown("kk", "reception.my.move", { what: "04.03.2026 10:00" }));
    await u.press("05.03.2026 10:00");
    await u.waitForBot(shown("kk", "reception.move.done", { time: "05.03.2026 10:00" }));
    expect((await reminders()).map((r) => [r.at, r.status])).toEqual([
      ["2026-03-03T13:00:00.000Z", "cancelled"],
      ["2026-03-04T03:00:00.000Z", "cancelled"],
      ["2026-03-04T13:00:00.000Z", "pending"],
      ["2026-03-05T03:00:00.000Z", "pending"],
    ]);

    // Time passes: the reminders for the new time arrive, none for the old one.
    h.clock.set("2026-03-04T18:00:30+05:00");
    const evening = await u.waitForBot(shown("kk", "reception.notice.remind_evening", { official: "Әлиев Марат", time: "05.03.2026 10:00", place: official.placeKk }), 8_000);
    expect(evening.text).toContain(official.placeKk);
    h.clock.set("2026-03-05T08:00:30+05:00");
    await u.waitForBot(shown("kk", "reception.notice.remind_soon", { official: "Әлиев Марат", time: "05.03.2026 10:00", place: official.placeKk }), 8_000);
    expect((await u.messages()).some((m) => m.text.includes("04.03.2026 10:00") && m.text.includes("🔔"))).toBe(false);

    // After the meeting: came, the outcome, an assignment to an executor, a note to the citizen.
    h.clock.set("2026-03-05T10:40:00+05:00");
    await desk.send("/reception");
    const days = await desk.waitForBot(shown("ru", "reception.desk.days"));
    await desk.press("Алиев Марат", { messageId: days.message_id });
    await desk.press(shown("ru", "reception.day.came", { time: "10:00" }));
    await desk.waitForBot(shown("ru", "reception.desk.ask_summary"));
    await desk.send("Гражданин жалуется на неисполнение решения суда по делу 2-1234/2025.");
    await desk.waitForBot(shown("ru", "reception.desk.ask_assignment"));
    await desk.send("Запросить у частного судебного исполнителя сведения об исполнении");
    await desk.waitForBot(shown("ru", "reception.desk.ask_due"));
    await desk.send("20.03.2026");
    await desk.press("Сейітов Нұрлан");
    await desk.waitForBot(shown("ru", "reception.desk.ask_note"));
    await desk.send("Исполнителю поручено проверить исполнение, срок 20.03.2026.");
    await desk.waitForBot(/Поручений: 1/);
    await u.waitForBot("Исполнителю поручено проверить исполнение");
    // The executor gets the assignment as a control item, in chat.
    await h.user(EXECUTOR).waitForBot("Запросить у частного судебного исполнителя сведения об исполнении");

    const [booking] = await h.app().core.db.select().from(receptionBookings);
    const executor = await identify(h.app().core, { telegramId: EXECUTOR });
    expect(booking).toMatchObject({ status: "attended", reschedules: 1, appealId: appeal.appealId });
    expect(booking!.outcome).toMatchObject({
      attended: true,
      assignments: [{ text: "Запросить у частного судебного исполнителя сведения об исполнении", executorUserId: executor.userId, dueOn: "2026-03-20", controlNumber: expect.stringMatching(/^БҚ-/) }],
    });
  });

  it("offers Back and Main menu on the matter, the times and the waitlist, Back going one question up", async () => {
    const core = h.app().core;
    await addOfficial(core, await identify(core, { telegramId: RECEPTION }), {
      nameKk: "Сапаров Ерлан",
      nameRu: "Сапаров Ерлан",
      titleKk: official.titleKk,
      titleRu: official.titleRu,
      placeKk: official.placeKk,
      placeRu: official.placeRu,
      bookingWindowDays: 30,
      minNoticeHours: 24,
      directBooking: false,
    });
    const u = h.user(CITIZEN);
    const [back, menu] = [shown("kk", "common.back"), shown("kk", "common.menu")];
    const labels = (m: ChatMessage) => (m.inline_keyboard ?? []).flat().map((b) => b.text);
    const book = async (name: string) => {
      await u.send("/start");
      await u.press(shown("kk", "menu.reception"));
      await u.press(shown("kk", "reception.my.book"));
      await u.press(name);
      return u.waitForBot(shown("kk", "reception.book.ask_matter", { official: name }).slice(0, 40));
    };

    const matter = await book("Әлиев Марат");
    expect(labels(matter)).toEqual([menu, back]);
    await u.press(back, { messageId: matter.message_id });
    const officials = await u.waitForBot(shown("kk", "reception.book.choose_official"));
    expect(officials.message_id).toBe(matter.message_id);
    await u.press("Әлиев Марат", { messageId: officials.message_id });
    await u.waitForBot(shown("kk", "reception.book.ask_matter", { official: "Әлиев Марат" }).slice(0, 40));
    await u.send("Сот шешімі әлі орындалған жоқ");
    await u.press(shown("kk", "reception.book.no_link"));
    const times = await u.waitForBot(shown("kk", "reception.book.choose_preferred"));
    expect(labels(times)).toEqual(expect.arrayContaining(["06.03.2026 11:00", shown("kk", "reception.book.request_any"), menu, back]));
    await u.press(back, { messageId: times.message_id });
    const link = await u.waitForBot(shown("kk", "reception.book.ask_link"));
    expect(labels(link)).toEqual([appeal.number, shown("kk", "reception.book.no_link"), menu, back]);
    await u.send("/cancel");
    await u.waitForBot(shown("kk", "common.cancelled"));

    // An official with no free times: the waitlist is offered, and Back leads up from it too.
    await book("Сапаров Ерлан");
    await u.send("Сот шешімі әлі орындалған жоқ");
    await u.press(shown("kk", "reception.book.no_link"));
    const waitlist = await u.waitForBot(shown("kk", "reception.book.no_slots"));
    expect(labels(waitlist)).toEqual([shown("kk", "reception.book.request_any"), shown("kk", "reception.book.waitlist"), menu, back]);
    await u.press(back, { messageId: waitlist.message_id });
    await u.waitForBot(shown("kk", "reception.book.ask_link"));
    await u.send("/cancel");
    await u.waitForBot(shown("kk", "common.cancelled"));
    expect(await core.db.select().from(receptionBookings)).toHaveLength(1);
  });

  it("takes a double tap on Came once, and refuses a due date on a day off at its question with the next working day to take", async () => {
    const core = h.app().core;
    const reception = await identify(core, { telegramId: RECEPTION });
    const slotId = await slotAt(core, official.id, "2026-03-10T10:00:00+05:00");
    const { booking } = await requestReception(core, await identify(core, { telegramId: CITIZEN }), { officialId: official.id, matter: "Атқарушылық іс бойынша", preferredSlotId: slotId });
    await confirmRequest(core, reception, { bookingId: booking.id, version: booking.version, slotId });
    h.clock.set("2026-03-10T10:20:00+05:00");

    const desk = h.user(RECEPTION);
    await desk.send("/reception");
    const days = await desk.waitForBot(shown("ru", "reception.desk.days"));
    await desk.press("Алиев Марат", { messageId: days.message_id });
    const day = await desk.waitForBot("Атқарушылық іс бойынша");
    const came = day.inline_keyboard!.flat().find((b) => b.text === shown("ru", "reception.day.came", { time: "10:00" }))!;
    await desk.pressData(day.message_id, came.callback_data!);
    await desk.pressData(day.message_id, came.callback_data!);
    await desk.waitFor((v) => v.toasts.some((t) => t.text === shown("ru", "errors.stale_button")));
    const asked = (await desk.messages()).filter((m) => m.message_id > day.message_id && m.text === shown("ru", "reception.desk.ask_summary"));
    expect(asked).toHaveLength(1);

    await desk.send("Гражданин просит ускорить исполнение.");
    await desk.waitForBot(shown("ru", "reception.desk.ask_assignment"));
    await desk.send("Запросить сведения у судебного исполнителя");
    await desk.waitForBot(shown("ru", "reception.desk.ask_due"));
    // Saturday 14 March: refused at once, with Monday 16 March one tap away.
    await desk.send("14.03.2026");
    await desk.waitForBot(shown("ru", "errors.control_due_day_off", { next: "16.03.2026" }));
    await desk.press(shown("ru", "control.record.use_date", { date: "16.03.2026" }));
    await desk.waitForBot(shown("ru", "reception.desk.ask_executor"));
    await desk.press("Сейітов Нұрлан");
    await desk.waitForBot(shown("ru", "reception.desk.ask_note"));
    await desk.press(shown("ru", "reception.desk.no_note"));
    await desk.waitForBot(shown("ru", "reception.desk.outcome_recorded", { id: booking.id, assignments: 1 }));
    const [recorded] = await core.db.select().from(receptionBookings).where(eq(receptionBookings.id, booking.id));
    expect(recorded!.outcome).toMatchObject({ summary: "Гражданин просит ускорить исполнение.", assignments: [{ dueOn: "2026-03-16", controlNumber: expect.stringMatching(/^БҚ-/) }] });
  });
});
