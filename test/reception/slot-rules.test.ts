import { describe, expect, it } from "vitest";
import { slotsOfDay, type WeeklyHours } from "../../core/reception/slot-rules.js";
import { reminderTimes } from "../../core/reception/reminders.js";
import type { ReceptionPolicy } from "../../core/reception/policy.js";

const calendar = { daysOff: new Set(["2026-03-09"]), workingWeekendDays: new Set(["2026-03-14"]) };
const tuesday: WeeklyHours = { weekday: 2, starts: "09:00", ends: "11:00", slotMinutes: 40, breakStarts: "09:40", breakEnds: "10:00" };
const local = (d: Date) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Almaty", timeStyle: "short" }).format(d);

describe("reception slots of a day", () => {
  it("cuts the hours into slots, skips the break and leaves out a slot that would run past the end", () => {
    expect(slotsOfDay(calendar, [tuesday], undefined, "2026-03-03").map((s) => `${local(s.startsAt)}–${local(s.endsAt)}`)).toEqual(["09:00–09:40", "10:00–10:40"]);
  });

  it("makes none on a day off, on a weekday without hours, or when the official is away", () => {
    const monday = { ...tuesday, weekday: 1 };
    expect(slotsOfDay(calendar, [monday], undefined, "2026-03-09")).toEqual([]);
    expect(slotsOfDay(calendar, [tuesday], undefined, "2026-03-04")).toEqual([]);
    expect(slotsOfDay(calendar, [tuesday], { day: "2026-03-03", kind: "off", starts: null, ends: null, slotMinutes: null }, "2026-03-03")).toEqual([]);
  });

  it("takes a dated exception's hours instead of the weekly ones, on working days only", () => {
    const extra = { kind: "extra" as const, starts: "15:00", ends: "16:00", slotMinutes: 30 };
    expect(slotsOfDay(calendar, [tuesday], { day: "2026-03-04", ...extra }, "2026-03-04").map((s) => local(s.startsAt))).toEqual(["15:00", "15:30"]);
    expect(slotsOfDay(calendar, [], { day: "2026-03-14", ...extra }, "2026-03-14")).toHaveLength(2);
    expect(slotsOfDay(calendar, [], { day: "2026-03-15", ...extra }, "2026-03-15")).toEqual([]);
  });

  it("reminds at the policy's evening time the day before and the policy's hours before", () => {
    const policy = { eveningReminderAt: "18:00", lastReminderHours: 2 } as ReceptionPolicy;
    const times = reminderTimes(policy, new Date("2026-03-02T09:30:00+05:00"));
    expect(times.remind_evening.toISOString()).toBe("2026-03-01T13:00:00.000Z");
    expect(times.remind_soon.toISOString()).toBe("2026-03-02T02:30:00.000Z");
  });
});
