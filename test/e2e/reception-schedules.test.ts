import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookSlot } from "../../core/reception/booking.js";
import type { Official } from "../../core/reception/officials.js";
import type { Actor } from "../../core/shared/roles.js";
import { officials, receptionBookings } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { shown } from "../support/texts.js";
import { officialWithHours, slotAt } from "../reception/fixtures.js";

const CITIZEN = 965001;
const RECEPTION = 965101;
const REVIEWER = 965102;

let h: Harness;
let owner: Actor;
let official: Official;
beforeAll(async () => {
  h = await startHarness([citizen(CITIZEN, "kk"), citizen(RECEPTION, "ru"), citizen(REVIEWER, "kk")]);
  const core = h.app().core;
  owner = await signedUpCitizen(core, CITIZEN);
  const reception = await staffMember(core, RECEPTION, "reception");
  await staffMember(core, REVIEWER, "reviewer");
  official = await officialWithHours(core, reception);
});
afterAll(() => h.dispose());

describe(`officials' schedules in chat on ${dbKind}`, () => {
  it("reception staff change the weekly hours and mark a day away; the citizen booked that day is offered another time", async () => {
    const core = h.app().core;
    // Harness clock: Monday 2 March 2026. The citizen books Tuesday 10 March, 09:00.
    const slotId = await slotAt(core, official.id, "2026-03-10T09:00:00+05:00");
    const { booking } = await bookSlot(core, owner, { officialId: official.id, slotId, matter: "Сот шешімінің орындалуы туралы" });

    const staff = h.user(RECEPTION);
    await staff.send("/officials");
    await staff.press("Алиев Марат");
    await staff.waitForBot("1 09:00-12:00 30 10:30-11:00");
    await staff.press(shown("ru", "reception.schedule.set_hours"));
    await staff.waitForBot(shown("ru", "reception.schedule.ask_hours").slice(0, 40));
    await staff.send("1-5 10:00 13:00 30");
    await staff.waitForBot(shown("ru", "errors.reception_hours_format", { line: 1 }).slice(0, 20));
    await staff.send("1-4 09:00-12:00 30\n5 15:00-17:00 20");
    await staff.waitForBot(shown("ru", "reception.schedule.hours_set"));
    await staff.waitForBot("5 15:00-17:00 20");

    await staff.press(shown("ru", "reception.schedule.add_day_off"));
    await staff.send("10.03.2026");
    await staff.waitForBot(shown("ru", "reception.schedule.day_off_set", { day: "10.03.2026" }));
    const [moved] = await core.db.select().from(receptionBookings).where(eq(receptionBookings.id, booking.id));
    expect(moved!.slotId).not.toBe(slotId);
    // The citizen is told in Kazakh, with the official's Kazakh name, that the time moved.
    await h.user(CITIZEN).waitForBot("Әлиев Марат");

    await staff.press(shown("ru", "reception.schedule.turn_direct_off"));
    await staff.waitForBot(shown("ru", "reception.schedule.direct_off"));
    expect((await core.db.select().from(officials).where(eq(officials.id, official.id)))[0]!.directBooking).toBe(false);
  });

  it("reception staff add an official in both languages, who starts by request with no hours yet", async () => {
    const staff = h.user(RECEPTION);
    await staff.send("/officials");
    await staff.press(shown("ru", "reception.schedule.add_official"));
    for (const [step, answer] of [
      ["nameKk", "Омаров Бауыржан"],
      ["nameRu", "Омаров Бауыржан"],
      ["titleKk", "Сот әкімшілігі басшысының орынбасары"],
      ["titleRu", "Заместитель руководителя Судебной администрации"],
      ["placeKk", "Астана, Қабанбай батыр д-лы, 2, 4-қабат, 410-бөлме"],
      ["placeRu", "Астана, пр. Кабанбай батыра, 2, 4 этаж, кабинет 410"],
    ] as const) {
      await staff.waitForBot(shown("ru", `reception.schedule.ask.${step}`));
      await staff.send(answer);
    }
    await staff.waitForBot(shown("ru", "reception.schedule.official_added", { window: 30, notice: 24 }));
    await staff.waitForBot(shown("ru", "reception.schedule.no_hours"));
    const [added] = await h.app().core.db.select().from(officials).where(eq(officials.placeRu, "Астана, пр. Кабанбай батыра, 2, 4 этаж, кабинет 410"));
    expect(added).toMatchObject({ titleKk: "Сот әкімшілігі басшысының орынбасары", active: true, directBooking: false });
  });

  it("refuses the schedules to a reviewer", async () => {
    await h.user(REVIEWER).send("/officials");
    await h.user(REVIEWER).waitForBot(shown("kk", "errors.forbidden"));
  });
});
