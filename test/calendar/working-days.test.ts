import { describe, expect, it } from "vitest";
import { addMonths } from "../../core/calendar/dates.js";
import {
  deadline,
  extensionNoticeDeadline,
  latestExtendedDeadline,
  registrationDate,
  type DeadlinePolicy,
} from "../../core/calendar/deadlines.js";
import { isWorkingDay, nthWorkingDayAfter, sameOrNextWorkingDay, workingDaysBetween, type WorkingCalendar } from "../../core/calendar/working-days.js";

// Weekday days off of 2025 and 2026 as DESIGN §10 lists them; 4 Jan 2025 is a Saturday, so not here.
const DAYS_OFF = [
  ...["01-01", "01-02", "01-03", "01-07", "03-10", "03-21", "03-24", "03-25", "05-01", "05-07", "05-09", "06-06", "07-07", "09-01", "10-27", "12-16"].map((d) => `2025-${d}`),
  ...["01-01", "01-02", "01-07", "03-09", "03-23", "03-24", "03-25", "05-01", "05-07", "05-11", "05-27", "07-06", "10-26", "12-16"].map((d) => `2026-${d}`),
];
const calendar: WorkingCalendar = { daysOff: new Set(DAYS_OFF), workingWeekendDays: new Set(["2025-01-05"]) };

// APPK Art. 76, as the migration seeds it for every appeal type.
const policy: DeadlinePolicy = { reviewWorkingDays: 15, forwardWorkingDays: 3, maxTermMonths: 2, extensionNoticeWorkingDays: 3 };

describe("working days of 2025 and 2026", () => {
  it("keeps the transferred New Year days of 2025: Friday 3 January off, Sunday 5 January worked", () => {
    expect(isWorkingDay(calendar, "2025-01-03")).toBe(false);
    expect(isWorkingDay(calendar, "2025-01-04")).toBe(false);
    expect(isWorkingDay(calendar, "2025-01-05")).toBe(true);
    expect(isWorkingDay(calendar, "2025-01-06")).toBe(true);
    expect(isWorkingDay(calendar, "2025-01-12")).toBe(false);
  });

  it("moves a weekend receipt to the next working day and leaves a working day as it is", () => {
    // Sat 4 Jan 2025 → Sun 5 Jan, the worked Sunday.
    expect(registrationDate(calendar, "2025-01-04")).toBe("2025-01-05");
    // Sat 21 Mar 2026 → Sun 22, Mon 23–Wed 25 Nauryz → Thu 26 Mar.
    expect(sameOrNextWorkingDay(calendar, "2026-03-21")).toBe("2026-03-26");
    expect(registrationDate(calendar, "2026-03-20")).toBe("2026-03-20");
  });

  it("counts working days in (from, to], and none backwards", () => {
    // Weekdays: 2025 starts on a Wednesday, so 52 weeks + 1 day = 261; minus 16 listed days off, plus Sunday 5 Jan = 246.
    expect(workingDaysBetween(calendar, "2024-12-31", "2025-12-31")).toBe(246);
    // 2026 starts on a Thursday: 261 weekdays minus 14 listed days off = 247.
    expect(workingDaysBetween(calendar, "2025-12-31", "2026-12-31")).toBe(247);
    // Wed 6 May 2026 → 12 May: Thu 7 off, Fri 8 counts, Sat 9–Mon 11 off, Tue 12 counts = 2.
    expect(workingDaysBetween(calendar, "2026-05-06", "2026-05-12")).toBe(2);
    // Days late: due Tue 10 Mar 2026, today Thu 12 Mar → Wed 11 and Thu 12 = 2.
    expect(workingDaysBetween(calendar, "2026-03-10", "2026-03-12")).toBe(2);
    expect(workingDaysBetween(calendar, "2026-03-12", "2026-03-10")).toBe(0);
  });

  it("does not count the start day itself", () => {
    // Thu 30 Apr 2026 → Fri 1 May off, weekend, Mon 4 May is the first.
    expect(nthWorkingDayAfter(calendar, "2026-04-30", 1)).toBe("2026-05-04");
  });
});

describe("review and forwarding deadlines", () => {
  it("skips the Nauryz days of 2025 (Fri 21, Mon 24, Tue 25 March)", () => {
    // Received Thu 20 Mar 2025. Counting from Wed 26: 26, 27, 28 Mar (3), 31 Mar–4 Apr (8), 7–11 Apr (13), 14 (14), 15 Apr (15).
    expect(deadline(calendar, policy, "2025-03-20", "review")).toBe("2025-04-15");
    // Forwarding: Wed 26 (1), Thu 27 (2), Fri 28 Mar (3).
    expect(deadline(calendar, policy, "2025-03-20", "forward")).toBe("2025-03-28");
  });

  it("registers a receipt on a holiday the next working day: Nauryz, Fri 21 March 2025", () => {
    // Sat 22–Tue 25 are off, so registration is Wed 26 Mar; 15 working days from Thu 27 end on Wed 16 Apr.
    expect(registrationDate(calendar, "2025-03-21")).toBe("2025-03-26");
    expect(deadline(calendar, policy, "2025-03-21", "review")).toBe("2025-04-16");
  });

  it("skips the Nauryz days of 2026, moved from the weekend to Tue 24 and Wed 25 March", () => {
    // Received Fri 20 Mar 2026; Sat 21–Wed 25 off. Forwarding: Thu 26 (1), Fri 27 (2), Mon 30 Mar (3).
    expect(deadline(calendar, policy, "2026-03-20", "forward")).toBe("2026-03-30");
    // Review: 26, 27, 30, 31 Mar (4), 1–3 Apr (7), 6–10 Apr (12), 13 (13), 14 (14), Wed 15 Apr (15).
    expect(deadline(calendar, policy, "2026-03-20", "review")).toBe("2026-04-15");
  });

  it("counts a Saturday receipt from the Monday registration: Sat 14 February 2026", () => {
    // Registered Mon 16 Feb. 17–20 Feb (4), 23–27 Feb (9), 2–6 Mar (14), Mon 9 Mar off (Women's Day), Tue 10 Mar (15).
    expect(registrationDate(calendar, "2026-02-14")).toBe("2026-02-16");
    expect(deadline(calendar, policy, "2026-02-14", "review")).toBe("2026-03-10");
  });

  it("counts a receipt on a Saturday within Nauryz 2026 from Thursday 26 March", () => {
    // Registered Thu 26 Mar. Fri 27 (1), 30, 31 Mar (3), 1–3 Apr (6), 6–10 Apr (11), 13–16 Apr (15).
    expect(deadline(calendar, policy, "2026-03-21", "review")).toBe("2026-04-16");
  });

  it("counts the worked Sunday 5 January 2025 and skips 1–4 and 7 January", () => {
    // Received Tue 31 Dec 2024 (a working day). Wed 1–Sat 4 off, Sun 5 (1), Mon 6 (2), Tue 7 off, Wed 8 Jan (3).
    expect(deadline(calendar, policy, "2024-12-31", "forward")).toBe("2025-01-08");
    // Received Sat 4 Jan, registered Sun 5. Mon 6 (1), Wed 8–Fri 10 (4), 13–17 (9), 20–24 (14), Mon 27 Jan (15).
    expect(deadline(calendar, policy, "2025-01-04", "review")).toBe("2025-01-27");
  });

  it("skips Thu 7 May and Mon 11 May 2026 (for Victory Day on Saturday 9 May) and Kurban Ait on 27 May", () => {
    // Received Wed 6 May. Forwarding: Fri 8 (1), Tue 12 (2), Wed 13 May (3).
    expect(deadline(calendar, policy, "2026-05-06", "forward")).toBe("2026-05-13");
    // Received on the holiday Thu 7 May, registered Fri 8. Tue 12 (1), Wed 13 (2), Thu 14 May (3).
    expect(deadline(calendar, policy, "2026-05-07", "forward")).toBe("2026-05-14");
    // Review from Wed 6 May: 8 (1), 12–15 (5), 18–22 (10), 25, 26 (12), Wed 27 off, 28, 29 (14), Mon 1 June (15).
    expect(deadline(calendar, policy, "2026-05-06", "review")).toBe("2026-06-01");
  });

  it("carries a deadline across the year end 2025 to 2026", () => {
    // Received Fri 12 Dec 2025. Mon 15 (1), Tue 16 off, 17–19 (4), 22–26 (9), 29–31 Dec (12),
    // Thu 1 and Fri 2 Jan off, Mon 5 (13), Tue 6 (14), Wed 7 off, Thu 8 Jan 2026 (15).
    expect(deadline(calendar, policy, "2025-12-12", "review")).toBe("2026-01-08");
  });
});

describe("extensions", () => {
  it("adds calendar months and clamps to the last day of a shorter month", () => {
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2025-11-30", 3)).toBe("2026-02-28");
  });

  it("ends the whole term at most two months after registration", () => {
    // Registered Wed 15 Apr 2026 → 15 Jun 2026.
    expect(latestExtendedDeadline(policy, "2026-04-15")).toBe("2026-06-15");
    // Registered Wed 31 Dec 2025 → 31 Feb does not exist, so 28 Feb 2026.
    expect(latestExtendedDeadline(policy, "2025-12-31")).toBe("2026-02-28");
  });

  it("gives three working days to tell the citizen of an extension", () => {
    // Decided Wed 6 May 2026: Fri 8 (1), Tue 12 (2), Wed 13 May (3).
    expect(extensionNoticeDeadline(calendar, policy, "2026-05-06")).toBe("2026-05-13");
  });
});
