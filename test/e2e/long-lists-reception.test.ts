import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookSlot } from "../../core/reception/booking.js";
import { addOfficial, type Official } from "../../core/reception/officials.js";
import { setWeeklyHours } from "../../core/reception/schedule.js";
import type { Actor } from "../../core/shared/roles.js";
import { receptionBookings, users } from "../../db/schema/index.js";
import { slotAt } from "../reception/fixtures.js";
import { signedUpCitizen } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { pageTo, search } from "../support/lists.js";
import { joinedStaff, manyStaff, nth } from "../support/staff.js";
import { shown } from "../support/texts.js";

const CITIZEN = 971001;
const RECEPTION = 971002;
const STAFF = 971100;
const ROWS = 150;

let h: Harness;
let owner: Actor;
let officials: Official[];
beforeAll(async () => {
  // Lists of fifteen pages pressed through in a row, faster than any person would.
  h = await startHarness([citizen(CITIZEN, "kk"), citizen(RECEPTION, "ru")], { floodLimit: 0 });
  const core = h.app().core;
  owner = await signedUpCitizen(core, CITIZEN);
  const reception = await joinedStaff(core, RECEPTION, "reception", "citizens_reception", "Ахметова Гульнара");
  officials = [];
  for (let n = 1; n <= ROWS; n++) {
    officials.push(
      await addOfficial(core, reception, {
        nameKk: `Лауазымды адам ${nth(n)}`,
        nameRu: `Должностное лицо ${nth(n)}`,
        titleKk: "Сот әкімшілігі басшысының орынбасары",
        titleRu: "Заместитель руководителя Судебной администрации",
        placeKk: "Астана, Қабанбай батыр д-лы, 2",
        placeRu: "Астана, пр. Кабанбай батыра, 2",
        bookingWindowDays: 30,
        minNoticeHours: 24,
        directBooking: true,
      }),
    );
  }
  await setWeeklyHours(core, reception, { officialId: officials[142]!.id, hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, starts: "09:00", ends: "12:00", slotMinutes: 30 })) });
  await manyStaff(core, ROWS, STAFF, "executor", "appeals_review", (n) => `Сотрудник ${nth(n)}`);
}, 120_000);
afterAll(() => h.dispose());

describe(`reception lists of 150 on ${dbKind}`, () => {
  it("a citizen pages to the 143rd of 150 officials to book, and finds one by a typed word", async () => {
    const u = h.user(CITIZEN);
    await u.send("/start");
    await u.press(shown("kk", "menu.reception"));
    await u.press(shown("kk", "reception.my.book"));
    const list = await u.waitForBot(shown("kk", "reception.book.choose_official"));
    expect(list.text).toContain(shown("kk", "reception.book.official_line", { name: "Лауазымды адам 001", title: "Сот әкімшілігі басшысының орынбасары" }));
    await pageTo(u, list.message_id, "Лауазымды адам 143", 15, [shown("kk", "common.menu")]);
    await u.press("Лауазымды адам 143", { messageId: list.message_id });
    await u.waitForBot(shown("kk", "reception.book.ask_matter", { official: "Лауазымды адам 143" }).slice(0, 40));
    await u.send("/cancel");
    await u.waitForBot(shown("kk", "common.cancelled"));

    await u.send("/start");
    await u.press(shown("kk", "menu.reception"));
    await u.press(shown("kk", "reception.my.book"));
    await u.waitForBot(shown("kk", "reception.book.choose_official"));
    const found = await search(u, "kk", "адам 077", 1);
    expect(found.text).toContain(shown("kk", "reception.book.official_line", { name: "Лауазымды адам 077", title: "Сот әкімшілігі басшысының орынбасары" }));
    await u.press("Лауазымды адам 077", { messageId: found.message_id });
    await u.waitForBot(shown("kk", "reception.book.ask_matter", { official: "Лауазымды адам 077" }).slice(0, 40));
  });

  it("reception staff page to the 143rd official's schedule, and find another by a typed word", async () => {
    const desk = h.user(RECEPTION);
    await desk.send("/officials");
    const list = await desk.waitForBot(shown("ru", "reception.schedule.title"));
    await pageTo(desk, list.message_id, "Должностное лицо 143", 15, [shown("ru", "reception.schedule.add_official")]);
    await desk.press("Должностное лицо 143", { messageId: list.message_id });
    await desk.waitForBot("Должностное лицо 143");
    await desk.send("/officials");
    await desk.waitForBot(shown("ru", "reception.schedule.title"));
    const found = await search(desk, "ru", "лицо 009", 1);
    await desk.press("Должностное лицо 009", { messageId: found.message_id });
    await desk.waitForBot(shown("ru", "reception.schedule.no_hours"));
  });

  it("after a meeting with the 143rd official, staff give the assignment to the 143rd of 150 executors", async () => {
    const core = h.app().core;
    const official = officials[142]!;
    const slotId = await slotAt(core, official.id, "2026-03-04T09:00:00+05:00");
    await bookSlot(core, owner, { officialId: official.id, slotId, matter: "Сот шешімінің орындалуы" });
    h.clock.set("2026-03-04T09:40:00+05:00");

    const desk = h.user(RECEPTION);
    await desk.send("/reception");
    const days = await desk.waitForBot(shown("ru", "reception.desk.days"));
    await pageTo(desk, days.message_id, "Должностное лицо 143", 15);
    await desk.press("Должностное лицо 143", { messageId: days.message_id });
    await desk.press(shown("ru", "reception.day.came", { time: "09:00" }));
    await desk.waitForBot(shown("ru", "reception.desk.ask_summary"));
    await desk.send("Гражданин просит проверить исполнение решения.");
    await desk.waitForBot(shown("ru", "reception.desk.ask_assignment"));
    await desk.send("Запросить сведения об исполнении");
    await desk.waitForBot(shown("ru", "reception.desk.ask_due"));
    await desk.send("20.03.2026");
    const list = await desk.waitForBot(shown("ru", "reception.desk.ask_executor"));
    // 150 executors, each with their unit; not the reception officer herself.
    const label = "Сотрудник 143 · Сектор рассмотрения обращений";
    await pageTo(desk, list.message_id, label, 15);
    await desk.press(label, { messageId: list.message_id });
    await desk.waitForBot(shown("ru", "reception.desk.ask_note"));
    await desk.press(shown("ru", "reception.desk.no_note"));
    let [booking] = await core.db.select().from(receptionBookings).where(eq(receptionBookings.officialId, official.id));
    await desk.waitForBot(shown("ru", "reception.desk.outcome_recorded", { id: booking!.id, assignments: 1 }));
    [booking] = await core.db.select().from(receptionBookings).where(eq(receptionBookings.officialId, official.id));
    const [executor] = await core.db.select().from(users).where(eq(users.fullName, "Сотрудник 143"));
    expect(booking!.outcome).toMatchObject({ assignments: [{ executorUserId: executor!.id, dueOn: "2026-03-20" }] });
  });
});
