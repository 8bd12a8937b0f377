import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addOfficial } from "../../core/reception/officials.js";
import { setWeeklyHours } from "../../core/reception/schedule.js";
import { receptionMessages } from "../reception/fixtures.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import type { ChatMessage, SandboxUser } from "../support/sandbox-user.js";
import { shown } from "../support/texts.js";

const [SOON, LATER, TOMORROW, RECEPTION] = [973001, 973002, 973003, 973101];
const PROMISES = ["both", "remind_evening", "remind_soon"].map((kind) => shown("ru", `reception.book.reminders.${kind}`));

let h: Harness;
beforeAll(async () => {
  h = await startHarness([citizen(SOON, "ru"), citizen(LATER, "ru"), citizen(TOMORROW, "ru"), citizen(RECEPTION, "ru")]);
  const core = h.app().core;
  const reception = await staffMember(core, RECEPTION, "reception");
  for (const id of [SOON, LATER, TOMORROW]) await signedUpCitizen(core, id);
  // Booked directly, without notice: a time half an hour away may be taken.
  const official = await addOfficial(core, reception, {
    nameKk: "Әлиев Марат",
    nameRu: "Алиев Марат",
    titleKk: "Орынбасар",
    titleRu: "Заместитель",
    placeKk: "Астана, 312-бөлме",
    placeRu: "Астана, кабинет 312",
    bookingWindowDays: 30,
    minNoticeHours: 0,
    directBooking: true,
  });
  await setWeeklyHours(core, reception, { officialId: official.id, hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, starts: "09:00", ends: "12:00", slotMinutes: 30 })) });
});
afterAll(() => h.dispose());

const labels = (m: ChatMessage) => (m.inline_keyboard ?? []).flat().map((b) => b.text);

/** From the main menu to the question about the matter. */
async function toMatter(u: SandboxUser): Promise<ChatMessage> {
  await u.send("/start");
  await u.press(shown("ru", "menu.reception"));
  await u.press(shown("ru", "reception.my.book"));
  await u.press("Алиев Марат");
  return u.waitForBot("Опишите ваш вопрос");
}

async function book(u: SandboxUser, time: string): Promise<ChatMessage> {
  await toMatter(u);
  await u.send("Неисполнение решения суда");
  await u.press(time);
  return u.waitForBot(/Вы записаны на приём/);
}

/** The reminders waiting to be sent to a chat. */
async function reminderKeys(chatId: number): Promise<string[]> {
  return (await receptionMessages(h.app().core, chatId)).filter((m) => m.key.includes("remind") && m.status === "pending").map((m) => m.key);
}

describe(`booking screens on ${dbKind}`, () => {
  it("promises only the reminders that will come: none half an hour ahead, two hours before in the morning, both for the next day, none once moved to an hour ahead", async () => {
    // Monday 2 March, 09:00.
    const soon = await book(h.user(SOON), "02.03.2026 09:30");
    expect(PROMISES.filter((p) => soon.text.includes(p))).toEqual([]);
    expect(await reminderKeys(SOON)).toEqual([]);

    const later = await book(h.user(LATER), "02.03.2026 11:30");
    expect(PROMISES.filter((p) => later.text.includes(p))).toEqual([shown("ru", "reception.book.reminders.remind_soon")]);
    expect(await reminderKeys(LATER)).toEqual(["reception.notice.remind_soon"]);

    const t = h.user(TOMORROW);
    const tomorrow = await book(t, "03.03.2026 09:30");
    expect(PROMISES.filter((p) => tomorrow.text.includes(p))).toEqual([shown("ru", "reception.book.reminders.both")]);
    expect(await reminderKeys(TOMORROW)).toEqual(["reception.notice.remind_evening", "reception.notice.remind_soon"]);

    await t.send("/start");
    await t.press(shown("ru", "menu.reception"));
    await t.press(shown("ru", "reception.my.move", { what: "03.03.2026 09:30" }));
    await t.press("02.03.2026 10:00");
    const moved = await t.waitForBot(shown("ru", "reception.move.done", { time: "02.03.2026 10:00" }));
    expect(PROMISES.filter((p) => moved.text.includes(p))).toEqual([]);
    expect(await reminderKeys(TOMORROW)).toEqual([]);
  });

  it("offers Main menu beside Back on the matter and the times; leaving there ends the booking, so a word typed later is not taken for the matter", async () => {
    const u = h.user(SOON);
    const [menu, back] = [shown("ru", "common.menu"), shown("ru", "common.back")];
    const matter = await toMatter(u);
    expect(labels(matter)).toEqual([menu, back]);
    await u.send("Перенос исполнения решения суда");
    const times = await u.waitForBot(shown("ru", "reception.book.choose_slot"));
    expect(labels(times)).toEqual(expect.arrayContaining([menu, back]));

    await u.press(menu, { messageId: times.message_id });
    const home = await u.waitForBot(shown("ru", "menu.title"));
    expect(home.message_id).toBe(times.message_id);
    await u.send("Перенос исполнения решения суда");
    await u.waitForBot(shown("ru", "hint.use_menu"));
    expect((await u.messages()).some((m) => m.text.includes(shown("ru", "reception.book.choose_slot")) && m.message_id !== times.message_id)).toBe(false);

    // Main menu on the matter's question leaves too.
    const again = await toMatter(u);
    await u.press(menu, { messageId: again.message_id });
    await u.waitForBot(shown("ru", "menu.title"));
    await u.send("Перенос исполнения решения суда");
    await u.waitForBot(shown("ru", "hint.use_menu"));
  });
});
