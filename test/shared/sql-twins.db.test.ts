import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dottedDateOf, isoDateOf } from "../../core/calendar/dates-sql.js";
import { dottedDate } from "../../core/calendar/dates.js";
import { languageOf, languageOfUser } from "../../core/people/language.js";
import { reminderKey, reminderKeyOf } from "../../core/reception/reminders.js";
import { rowsOf } from "../../db/rows.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";

/**
 * Rules the morning jobs and bookings spell again in SQL, to write their notices in one statement.
 * A notice written by SQL must read, and be keyed, as the same notice written from TypeScript: a
 * different key would send it twice, a different language would send it in the wrong one.
 */
let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterAll(() => tdb.dispose());

describe(`rules spelled in SQL agree with their TypeScript on ${dbKind}`, () => {
  it("writes dates as the keys and the notices do, whatever the session's DateStyle", async () => {
    const days = ["2026-01-05", "2026-12-31", "2027-02-28"];
    await tdb.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local datestyle = 'SQL, DMY'`);
      for (const day of days) {
        const [row] = await rowsOf<{ iso: string; dotted: string }>(tx, sql`select ${isoDateOf(sql`${day}::date`)} as iso, ${dottedDateOf(sql`${day}::date`)} as dotted`);
        expect(row).toEqual({ iso: day, dotted: dottedDate(day) });
      }
    });
  });

  it("picks a person's language as replies do: the chosen one, else Telegram's, else Kazakh", async () => {
    const people = [
      { language: "ru", seenLanguage: "kk" },
      { language: null, seenLanguage: "ru" },
      { language: null, seenLanguage: null },
      { language: "en", seenLanguage: null },
    ];
    for (const person of people) {
      const [row] = await rowsOf<{ language: string }>(
        tdb.database.db,
        sql`select ${languageOfUser("u")} as language from (select ${person.language}::text as language, ${person.seenLanguage}::text as seen_language) u`,
      );
      expect(row!.language).toBe(languageOf(person));
    }
  });

  it("keys a booking's reminders as the booking's own writes do", async () => {
    for (const kind of ["remind_evening", "remind_soon"] as const) {
      const [row] = await rowsOf<{ key: string }>(tdb.database.db, sql`select ${reminderKeyOf(sql`${41}::int`, sql`${3}::int`, sql`${kind}::text`)} as key`);
      expect(row!.key).toBe(reminderKey(41, 3, kind));
    }
  });
});
