import { and, gte, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { calendarDays } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import type { CalendarFileRow } from "./calendar-file.js";
import type { CalendarRow } from "./calendar-store.js";
import { isIsoDate, weekday } from "./dates.js";

export const NOTE_MAX = 200;

/** How many rows of a year were loaded, and how many they replaced. */
export interface ImportedYear {
  year: number;
  rows: number;
  replaced: number;
}

const WORKING_WORDS = new Map([
  ["true", true],
  ["1", true],
  ["working", true],
  ["false", false],
  ["0", false],
  ["off", false],
]);

const dateSchema = z.string().trim().refine(isIsoDate);
const workingSchema = z
  .unknown()
  .transform((value) => (typeof value === "boolean" ? value : WORKING_WORDS.get(String(value).trim().toLowerCase())))
  .pipe(z.boolean());
// One line of text: `calendar show` prints a row per line.
const noteSchema = z
  .string()
  .trim()
  .max(NOTE_MAX)
  .regex(/^\P{Cc}*$/u)
  .default("");

/**
 * Loads a calendar file (DESIGN §3): each year the file mentions is replaced whole by the file's
 * rows, in one transaction. Every row is checked first, so one bad row leaves the calendar as it was.
 */
export async function importCalendar(ctx: Ctx, rows: readonly CalendarFileRow[]): Promise<ImportedYear[]> {
  const entries = validate(rows);
  const years = [...new Set(entries.map((e) => Number(e.day.slice(0, 4))))].sort((a, b) => a - b);
  const imported = await ctx.db.transaction(async (tx) => {
    // Two imports at once would both delete, then collide on insert; readers are not blocked.
    await tx.execute(sql`lock table ${calendarDays} in share row exclusive mode`);
    const done: ImportedYear[] = [];
    for (const year of years) {
      const replaced = await tx
        .delete(calendarDays)
        .where(and(gte(calendarDays.day, `${year}-01-01`), lte(calendarDays.day, `${year}-12-31`)))
        .returning({ day: calendarDays.day });
      const own = entries.filter((e) => e.day.startsWith(`${year}-`));
      await tx.insert(calendarDays).values(own);
      done.push({ year, rows: own.length, replaced: replaced.length });
    }
    return done;
  });
  ctx.log.info({ years: imported }, "calendar imported");
  return imported;
}

/** The rows as they will be stored, or the first problem in file order. */
function validate(rows: readonly CalendarFileRow[]): CalendarRow[] {
  if (rows.length === 0) throw new DomainError("calendar_file_empty");
  const firstRowOf = new Map<string, number>();
  return rows.map((source) => {
    const entry = entryOf(source);
    const firstRow = firstRowOf.get(entry.day);
    if (firstRow !== undefined) throw new DomainError("calendar_date_duplicate", { row: source.row, date: entry.day, firstRow });
    firstRowOf.set(entry.day, source.row);
    return entry;
  });
}

function entryOf(source: CalendarFileRow): CalendarRow {
  const { row } = source;
  const date = dateSchema.safeParse(source.date);
  if (!date.success) throw new DomainError("calendar_date_invalid", { row, value: shown(source.date) });
  const working = workingSchema.safeParse(source.working);
  if (!working.success) throw new DomainError("calendar_working_invalid", { row, value: shown(source.working) });
  const note = noteSchema.safeParse(source.note);
  if (!note.success) throw new DomainError("calendar_note_invalid", { row, max: NOTE_MAX });
  // Rows are exceptions only. A holiday on a weekend changes no count; refusing it catches the
  // likelier slip, the holiday's own date written where the weekday it moved to was meant.
  const weekend = [0, 6].includes(weekday(date.data));
  if (working.data && !weekend) throw new DomainError("calendar_weekday_working", { row, date: date.data });
  if (!working.data && weekend) throw new DomainError("calendar_weekend_off", { row, date: date.data });
  return { day: date.data, working: working.data, note: note.data };
}

/** A written value, short enough to quote in a message. */
function shown(value: unknown): string {
  const text = typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
