import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identify, setLanguage } from "../../core/people/users.js";
import { addOfficial, type Official } from "../../core/reception/officials.js";
import { setWeeklyHours } from "../../core/reception/schedule.js";
import { offerSlot, pendingRequests } from "../../core/reception/staff-decisions.js";
import { myReception } from "../../core/reception/views.js";
import type { Actor } from "../../core/shared/roles.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import type { SandboxUser } from "../support/sandbox-user.js";
import { shown } from "../support/texts.js";
import { slotAt } from "../reception/fixtures.js";

const [FIRST, SECOND, STRANGER, RECEPTION] = [971001, 971002, 971003, 971101];

let h: Harness;
let direct: Official;
let byRequest: Official;
let first: Actor;
let second: Actor;
let reception: Actor;
beforeAll(async () => {
  h = await startHarness([citizen(FIRST, "ru"), citizen(SECOND, "ru"), citizen(STRANGER, "ru"), { ...citizen(RECEPTION, "ru"), demoRole: "reception" }]);
  const core = h.app().core;
  reception = await staffMember(core, RECEPTION, "reception");
  first = await signedUpCitizen(core, FIRST);
  second = await signedUpCitizen(core, SECOND, { fullName: "Петров Иван" });
  for (const id of [FIRST, SECOND, STRANGER, RECEPTION]) await setLanguage(core, core.db, await identify(core, { telegramId: id }), "ru");
  const hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, starts: "10:00", ends: "12:00", slotMinutes: 30 }));
  const place = { placeKk: "Астана, 312-бөлме", placeRu: "Астана, кабинет 312", titleKk: "Орынбасар", titleRu: "Заместитель", bookingWindowDays: 30, minNoticeHours: 24 };
  direct = await addOfficial(core, reception, { nameKk: "Әлиев Марат", nameRu: "Алиев Марат", ...place, directBooking: true });
  byRequest = await addOfficial(core, reception, { nameKk: "Омарова Асель", nameRu: "Омарова Асель", ...place, directBooking: false });
  for (const o of [direct, byRequest]) await setWeeklyHours(core, reception, { officialId: o.id, hours });
});
afterAll(() => h.dispose());

/** Opens booking with an official and states the matter, ending at the free times (to book, or to prefer in a request). */
async function toSlots(u: SandboxUser, official: string, prompt = "reception.book.choose_slot"): Promise<void> {
  await u.send("/start");
  await u.press(shown("ru", "menu.reception"));
  await u.press(shown("ru", "reception.my.book"));
  await u.press(official);
  await u.waitForBot("Опишите ваш вопрос");
  await u.send("Неисполнение решения суда");
  await u.waitForBot(shown("ru", prompt));
}

describe(`refusals in personal reception on ${dbKind}`, () => {
  it("tells the second citizen a slot was taken a moment ago and shows the next free times; a forged slot and a second booking change nothing", async () => {
    const [a, b] = [h.user(FIRST), h.user(SECOND)];
    await toSlots(a, "Алиев Марат");
    await toSlots(b, "Алиев Марат");
    await a.press("04.03.2026 10:00");
    await a.waitForBot(/Вы записаны на приём/);
    await b.press("04.03.2026 10:00");
    const retry = await b.waitForBot(shown("ru", "errors.reception_slot_taken"));
    const times = retry.inline_keyboard!.flat().map((button) => button.text);
    expect(times).not.toContain("04.03.2026 10:00");
    expect(times).toContain("04.03.2026 10:30");

    await b.pressData(retry.message_id, "rc2:slot:999999");
    await b.waitFor((v) => v.toasts.some((t) => t.text === shown("ru", "errors.reception_slot_unknown")));
    await b.press("04.03.2026 10:30");
    await b.waitForBot(/Вы записаны на приём/);

    await toSlots(a, "Алиев Марат");
    await a.press("05.03.2026 10:00");
    await a.waitFor((v) => v.toasts.some((t) => t.text === shown("ru", "errors.reception_already_booked")));
    expect((await myReception(h.app().core, first)).upcoming).toHaveLength(1);
  });

  it("refuses a stale Confirm after staff offered another time, which the citizen accepts from the notice, and refuses cancelling after the cut-off", async () => {
    const desk = h.user(RECEPTION);
    const core = h.app().core;
    const c = h.user(SECOND);
    await toSlots(c, "Омарова Асель", "reception.book.choose_preferred");
    await c.press("04.03.2026 11:00");
    await c.waitForBot(shown("ru", "reception.book.requested"));
    await desk.send("/reception");
    const item = await desk.waitForBot("Неисполнение решения суда");

    const [request] = await pendingRequests(core, reception);
    await offerSlot(core, reception, { bookingId: request!.booking.id, version: request!.booking.version, slotId: await slotAt(core, byRequest.id, "2026-03-05T10:00:00+05:00") });
    await desk.press(shown("ru", "reception.desk.confirm", { time: "04.03.2026 11:00" }), { messageId: item.message_id });
    await desk.waitFor((v) => v.toasts.some((t) => t.text === shown("ru", "errors.stale_button")));
    expect((await myReception(core, second)).upcoming.find((u) => u.official.id === byRequest.id)!.booking.status).toBe("offered");
    // The citizen's offer notice opens "My reception" below it, where the offer is accepted; the notice stays to be read.
    const offer = await c.waitForBot(/Вам предложено время приёма/);
    await c.press(shown("ru", "menu.reception"), { messageId: offer.message_id });
    const mineScreen = await c.waitForBot(shown("ru", "reception.my.title"));
    expect(mineScreen.message_id).toBeGreaterThan(offer.message_id);
    expect((await c.messages()).find((m) => m.message_id === offer.message_id)!.text).toBe(offer.text);
    await c.press(shown("ru", "reception.my.accept", { what: "05.03.2026 10:00" }), { messageId: mineScreen.message_id });
    await c.waitForBot(/Вы записаны на приём: Омарова Асель, 05\.03\.2026 10:00/);

    const u = h.user(FIRST);
    await u.send("/start");
    await u.press(shown("ru", "menu.reception"));
    const mine = await u.waitForBot(shown("ru", "reception.my.title"));
    h.clock.set("2026-03-03T12:00:00+05:00");
    await u.press(shown("ru", "reception.my.cancel", { what: "04.03.2026 10:00" }), { messageId: mine.message_id });
    await u.waitFor((v) => v.toasts.some((t) => t.text === shown("ru", "errors.reception_too_late", { hours: 24 })));
    expect((await myReception(core, first)).upcoming[0]!.booking.status).toBe("booked");
  });

  it("declines a request with a quick reason that the citizen reads in full", async () => {
    const [u, desk] = [h.user(FIRST), h.user(RECEPTION)];
    await toSlots(u, "Омарова Асель", "reception.book.choose_preferred");
    await u.press(shown("ru", "reception.book.request_any"));
    await u.waitForBot(shown("ru", "reception.book.requested"));
    await desk.send("/reception");
    await desk.waitForBot("Неисполнение решения суда");
    await desk.press(shown("ru", "reception.desk.decline"));
    await desk.press(shown("ru", "reception.desk.quick.courts"));
    await desk.waitForBot(/отказано/);
    await u.waitForBot(shown("ru", "reception.desk.quick_text.courts"));
  });

  it("refuses the reception desk to a citizen, and booking to someone without a profile", async () => {
    const stranger = h.user(STRANGER);
    await stranger.send("/reception");
    await stranger.waitForBot(shown("ru", "errors.forbidden"));
    await stranger.send("/start");
    await stranger.waitForBot(/./);
    await stranger.pressData((await stranger.lastBot()).message_id, "rc2:book");
    await stranger.waitFor((v) => v.toasts.some((t) => t.text === shown("ru", "errors.profile_missing")));
  });
});
