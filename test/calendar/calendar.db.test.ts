import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPEAL_TYPES } from "../../core/appeals/kinds.js";
import { parseCalendarFile } from "../../core/calendar/calendar-file.js";
import { calendarRowsOfYear, loadCalendar } from "../../core/calendar/calendar-store.js";
import { deadline, loadPolicy, type DeadlineKind } from "../../core/calendar/deadlines.js";
import { importCalendar } from "../../core/calendar/import.js";
import { workingDaysBetween } from "../../core/calendar/working-days.js";
import { refusalOf } from "../support/refusal.js";
import { calendarDays } from "../../db/schema/index.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterAll(() => tdb.dispose());

const allRows = () => tdb.database.db.select().from(calendarDays).orderBy(asc(calendarDays.day));

async function due(receivedOn: string, kind: DeadlineKind, type = "application"): Promise<string> {
  const db = tdb.database.db;
  return deadline(await loadCalendar(db), await loadPolicy(db, type), receivedOn, kind);
}

// Hypothetical 2027 rows (not the decree, which is not out yet): Saturday 9 January worked for Friday 8.
const CSV_2027 = [
  "date,working,note",
  "2027-01-01,false,New Year",
  "2027-01-07,off,Orthodox Christmas",
  "2027-01-08,0,day off moved from Saturday 9 January",
  '2027-01-09,working,"worked Saturday, for Friday 8 January"',
  "",
].join("\n");

describe(`calendar on ${dbKind}`, () => {
  it("seeds APPK Art. 76 for all six appeal types", async () => {
    for (const type of APPEAL_TYPES)
      expect(await loadPolicy(tdb.database.db, type)).toMatchObject({ reviewWorkingDays: 15, forwardWorkingDays: 3, maxTermMonths: 2, extensionNoticeWorkingDays: 3 });
  });

  it("seeds the days off of 2025 and 2026 that the hand-counted deadlines expect", async () => {
    const calendar = await loadCalendar(tdb.database.db);
    // Same figures as test/calendar/working-days.test.ts, which builds its calendar from DESIGN §10.
    expect(workingDaysBetween(calendar, "2024-12-31", "2025-12-31")).toBe(246);
    expect(workingDaysBetween(calendar, "2025-12-31", "2026-12-31")).toBe(247);
    expect([...calendar.workingWeekendDays]).toEqual(["2025-01-05"]);
    const cases: [string, DeadlineKind, string][] = [
      ["2024-12-31", "forward", "2025-01-08"],
      ["2025-01-04", "review", "2025-01-27"],
      ["2025-03-21", "review", "2025-04-16"],
      ["2025-12-12", "review", "2026-01-08"],
      ["2026-03-21", "review", "2026-04-16"],
      ["2026-05-07", "forward", "2026-05-14"],
      ["2026-05-06", "review", "2026-06-01"],
    ];
    for (const [receivedOn, kind, expected] of cases) expect(`${receivedOn} ${kind} → ${await due(receivedOn, kind, "complaint")}`).toBe(`${receivedOn} ${kind} → ${expected}`);
  });

  it("loads a new year from a file, and its deadlines honour its days off and worked Saturday", async () => {
    // Before: 1 Jan 2027 counts, so Wed 6 Jan → Thu 7 (1), Fri 8 (2), Mon 11 (3).
    expect(await due("2027-01-06", "forward")).toBe("2027-01-11");
    const before2026 = await calendarRowsOfYear(tdb.database.db, 2026);

    const imported = await importCalendar(testCtx(tdb.database), parseCalendarFile(CSV_2027, "csv"));

    expect(imported).toEqual([{ year: 2027, rows: 4, replaced: 0 }]);
    // After: Thu 7 and Fri 8 off, Sat 9 worked (1), Mon 11 (2), Tue 12 Jan (3).
    expect(await due("2027-01-06", "forward")).toBe("2027-01-12");
    // Thu 31 Dec 2026: Fri 1 Jan now off, so Mon 4 (1), Tue 5 (2), Wed 6 Jan (3).
    expect(await due("2026-12-31", "forward")).toBe("2027-01-06");
    expect(await calendarRowsOfYear(tdb.database.db, 2027)).toContainEqual({ day: "2027-01-09", working: true, note: "worked Saturday, for Friday 8 January" });
    expect(await calendarRowsOfYear(tdb.database.db, 2026)).toEqual(before2026);
  });

  it("replaces every row of each year in the file and leaves other years alone", async () => {
    const json = JSON.stringify([
      { date: "2027-03-22", working: false, note: "Nauryz" },
      { date: "2028-01-03", working: false },
    ]);
    const before2026 = await calendarRowsOfYear(tdb.database.db, 2026);

    const imported = await importCalendar(testCtx(tdb.database), parseCalendarFile(json, "json"));

    expect(imported).toEqual([
      { year: 2027, rows: 1, replaced: 4 },
      { year: 2028, rows: 1, replaced: 0 },
    ]);
    expect(await calendarRowsOfYear(tdb.database.db, 2027)).toEqual([{ day: "2027-03-22", working: false, note: "Nauryz" }]);
    expect(await calendarRowsOfYear(tdb.database.db, 2028)).toEqual([{ day: "2028-01-03", working: false, note: "" }]);
    expect(await calendarRowsOfYear(tdb.database.db, 2026)).toEqual(before2026);
  });

  it("changes nothing when any row of the file is wrong, and names the row and the problem", async () => {
    const before = await allRows();
    // Each file starts with a good 2026 row that would wipe 2026 if the file were half applied.
    const good = "date,working,note\n2026-01-05,false,ok\n";
    const cases: [string, string, Record<string, unknown>][] = [
      [`${good}2027-02-30,false,no such day\n`, "calendar_date_invalid", { row: 3, value: "2027-02-30" }],
      [`${good}2027-01-02,false,a Saturday marked off\n`, "calendar_weekend_off", { row: 3, date: "2027-01-02" }],
      [`${good}2027-01-04,true,a Monday marked working\n`, "calendar_weekday_working", { row: 3, date: "2027-01-04" }],
      [`${good}2027-01-04,false,x\n2026-01-05,false,again\n`, "calendar_date_duplicate", { row: 4, date: "2026-01-05", firstRow: 2 }],
      [`${good}2027-01-04,maybe,x\n`, "calendar_working_invalid", { row: 3, value: "maybe" }],
      [`${good}2027-01-04,false,${"x".repeat(201)}\n`, "calendar_note_invalid", { row: 3, max: 200 }],
    ];
    for (const [text, code, params] of cases) {
      const error = await refusalOf(importCalendar(testCtx(tdb.database), parseCalendarFile(text, "csv")));
      expect({ code: error.code, params: error.params }).toEqual({ code, params });
    }
    expect(await allRows()).toEqual(before);
  });
});
