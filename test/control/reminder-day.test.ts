import { describe, expect, it } from "vitest";
import { assertDueDate } from "../../core/control/due-date.js";
import { reminderDay } from "../../core/control/reminder-day.js";
import type { WorkingCalendar } from "../../core/calendar/working-days.js";
import { DomainError } from "../../core/shared/errors.js";

/** 2026 around Nauryz: 23–25 March are days off (DESIGN §10). */
const calendar: WorkingCalendar = { daysOff: new Set(["2026-03-23", "2026-03-24", "2026-03-25"]), workingWeekendDays: new Set() };

function refusal(run: () => void): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("was accepted");
}

describe("the executor's reminder day", () => {
  it("falls the lead's working days before the due date, skipping a weekend and Nauryz", () => {
    // 16 March → 2 April has 10 working days; three before 2 April is Monday 30 March.
    expect(reminderDay(calendar, "2026-03-16", "2026-04-02", 3)).toBe("2026-03-30");
    // 16 → 27 March: 6 working days (Nauryz skipped): three before is Thursday 19 March, not the holiday 24 March.
    expect(reminderDay(calendar, "2026-03-16", "2026-03-27", 3)).toBe("2026-03-19");
  });

  it("falls halfway through a term shorter than twice the lead", () => {
    // 16 → 20 March: 4 working days, half is 2: Wednesday 18 March.
    expect(reminderDay(calendar, "2026-03-16", "2026-03-20", 3)).toBe("2026-03-18");
    // 20 → 27 March: 2 working days, Nauryz in between; half is one: Thursday 26 March.
    expect(reminderDay(calendar, "2026-03-20", "2026-03-27", 3)).toBe("2026-03-26");
    // A term of one working day: the reminder is on the due date itself.
    expect(reminderDay(calendar, "2026-03-16", "2026-03-17", 3)).toBe("2026-03-17");
  });

  it("has no day when the item is due on the day it is recorded", () => {
    expect(reminderDay(calendar, "2026-03-16", "2026-03-16", 3)).toBeNull();
  });
});

describe("a control document's due date", () => {
  it("is refused in the past, offering the first working day from today", () => {
    const error = refusal(() => assertDueDate(calendar, "2026-03-21", "2026-03-13"));
    expect(error.code).toBe("control_due_past");
    expect(error.params).toMatchObject({ next: "26.03.2026" });
  });

  it("is refused on a day off, offering the next working day", () => {
    const error = refusal(() => assertDueDate(calendar, "2026-03-16", "2026-03-24"));
    expect(error.code).toBe("control_due_day_off");
    expect(error.params).toMatchObject({ next: "26.03.2026", nextIso: "2026-03-26" });
    expect(refusal(() => assertDueDate(calendar, "2026-03-16", "2026-03-22")).params).toMatchObject({ next: "26.03.2026" });
  });

  it("is accepted on a working day from today on", () => {
    expect(() => assertDueDate(calendar, "2026-03-16", "2026-03-16")).not.toThrow();
    expect(() => assertDueDate(calendar, "2026-03-16", "2026-03-26")).not.toThrow();
  });
});
