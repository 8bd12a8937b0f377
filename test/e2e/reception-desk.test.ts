import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookSlot } from "../../core/reception/booking.js";
import type { Official } from "../../core/reception/officials.js";
import type { Actor } from "../../core/shared/roles.js";
import { receptionBookings } from "../../db/schema/index.js";
import { outcomeExecutorButton } from "../../bot/features/reception/desk-buttons.js";
import { officialWithHours, slotAt } from "../reception/fixtures.js";
import { signedUpCitizen } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { itemButtons } from "../support/lists.js";
import { joinedStaff } from "../support/staff.js";
import { shown } from "../support/texts.js";

const [CITIZEN, CLERK, EXECUTOR, HEAD, ADMIN] = [972001, 972101, 972102, 972103, 972104];

let h: Harness;
let official: Official;
let clerk: Actor;
let bookingId: number;
beforeAll(async () => {
  h = await startHarness([citizen(CITIZEN, "kk"), citizen(CLERK, "ru"), citizen(EXECUTOR, "kk"), citizen(HEAD, "ru"), citizen(ADMIN, "ru")]);
  const core = h.app().core;
  clerk = await joinedStaff(core, CLERK, "reception", "citizens_reception", "Ахметова Гульнара");
  await joinedStaff(core, EXECUTOR, "executor", "appeals_review", "Сейітов Нұрлан");
  await joinedStaff(core, HEAD, "head", "general_department", "Омаров Бауыржан");
  await joinedStaff(core, ADMIN, "admin", "general_department", "Жұмабаев Дәулет");
  official = await officialWithHours(core, clerk);
  const owner = await signedUpCitizen(core, CITIZEN);
  const slotId = await slotAt(core, official.id, "2026-03-04T09:30:00+05:00");
  ({ booking: { id: bookingId } } = await bookSlot(core, owner, { officialId: official.id, slotId, matter: "Атқарушылық іс бойынша сот орындаушысы әрекетсіз" }));
});
afterAll(() => h.dispose());

describe(`the reception desk after a meeting on ${dbKind}`, () => {
  it("shows the day in staff words, takes a typed working day after a day off at the due date's question, and offers as executors the staff the control register takes, with their units, without the clerk", async () => {
    h.clock.set("2026-03-04T09:50:00+05:00");
    const desk = h.user(CLERK);
    await desk.send("/reception");
    const days = await desk.waitForBot(shown("ru", "reception.desk.days"));
    await desk.press("Алиев Марат", { messageId: days.message_id });
    const day = await desk.waitForBot("Атқарушылық іс бойынша");
    // Staff read "booked", not the citizen's "you are booked".
    expect(day.text).toContain(shown("ru", "reception.day.status.booked"));
    expect(day.text).not.toContain(shown("ru", "reception.status.booked"));

    await desk.press(shown("ru", "reception.day.came", { time: "09:30" }), { messageId: day.message_id });
    await desk.waitForBot(shown("ru", "reception.desk.ask_summary"));
    await desk.send("Заявитель просит ускорить исполнение решения суда.");
    await desk.waitForBot(shown("ru", "reception.desk.ask_assignment"));
    await desk.send("Запросить сведения у судебного исполнителя");
    await desk.waitForBot(shown("ru", "reception.desk.ask_due"));
    // Saturday 14 March is refused at its own question; the date typed next is the due date, not the note.
    await desk.send("14.03.2026");
    await desk.waitForBot(shown("ru", "errors.control_due_day_off", { next: "16.03.2026" }));
    await desk.send("17.03.2026");
    const list = await desk.waitForBot(shown("ru", "reception.desk.ask_executor"));

    const executors = itemButtons(list);
    expect(executors).toEqual(expect.arrayContaining(["Сейітов Нұрлан · Сектор рассмотрения обращений", "Омаров Бауыржан · Общий отдел"]));
    expect(executors.some((e) => e.startsWith("Ахметова") || e.startsWith("Жұмабаев"))).toBe(false);
    // The clerk's own id, forged into a press, is refused and the question stays.
    await desk.pressData(list.message_id, outcomeExecutorButton.encode({ user: clerk.userId }));
    await desk.waitFor((v) => v.toasts.some((t) => t.text === shown("ru", "errors.stale_button")));

    await desk.press("Сейітов Нұрлан · Сектор рассмотрения обращений", { messageId: list.message_id });
    await desk.waitForBot(shown("ru", "reception.desk.ask_note"));
    await desk.send("Поручение дано, срок 17.03.2026.");
    await desk.waitForBot(shown("ru", "reception.desk.outcome_recorded", { id: bookingId, assignments: 1 }));
    await h.user(EXECUTOR).waitForBot("Запросить сведения у судебного исполнителя");

    const [booking] = await h.app().core.db.select().from(receptionBookings).where(eq(receptionBookings.id, bookingId));
    expect(booking!.outcome).toMatchObject({
      summary: "Заявитель просит ускорить исполнение решения суда.",
      assignments: [{ text: "Запросить сведения у судебного исполнителя", dueOn: "2026-03-17" }],
      noteToCitizen: "Поручение дано, срок 17.03.2026.",
    });

    // The day list again: the meeting held, in the same words.
    await desk.send("/reception");
    const again = await desk.waitForBot(shown("ru", "reception.desk.days"));
    await desk.press("Алиев Марат", { messageId: again.message_id });
    const held = await desk.waitForBot("Атқарушылық іс бойынша");
    expect(held.text).toContain(shown("ru", "reception.day.status.attended"));
  });
});
