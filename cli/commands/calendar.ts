import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseCalendarFile, type CalendarFileFormat } from "../../core/calendar/calendar-file.js";
import { calendarRowsOfYear, loadCalendar } from "../../core/calendar/calendar-store.js";
import { importCalendar } from "../../core/calendar/import.js";
import { workingDaysBetween } from "../../core/calendar/working-days.js";
import { isDomainError, type DomainError } from "../../core/shared/errors.js";
import { type CliCommand, type CliIo, parseCommandLine, usageError } from "../command.js";
import { labels } from "../../locales/index.js";
import { withCore } from "../open-core.js";

const USAGE = "calendar import FILE.csv|FILE.json | calendar show YEAR";

export const calendarCommand: CliCommand = {
  name: "calendar",
  usage: USAGE,
  summary: "load years of days off from a file; list a year's days off and working weekend days",
  async run(args, io) {
    const parsed = parseCommandLine(io, "calendar", USAGE, args, {});
    if (typeof parsed === "number") return parsed;
    const { positionals } = parsed;
    const [action, argument, ...extra] = positionals;
    if (argument === undefined || extra.length > 0) return usageError(io, "calendar", USAGE, "expected an action and one argument");
    if (action === "import") return importFile(argument, io);
    if (action === "show") return show(argument, io);
    return usageError(io, "calendar", USAGE, `unknown action "${action}"`);
  },
};

async function importFile(file: string, io: CliIo): Promise<number> {
  const extension = path.extname(file).toLowerCase();
  const format: CalendarFileFormat | undefined = extension === ".csv" ? "csv" : extension === ".json" ? "json" : undefined;
  if (!format) return usageError(io, "calendar", USAGE, `${file}: the file name must end in .csv or .json`);
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    return usageError(io, "calendar", USAGE, `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  return withCore(io.config, async (ctx) => {
    try {
      const years = await importCalendar(ctx, parseCalendarFile(text, format));
      for (const y of years) io.out(`${y.year}: loaded ${count(y.rows, "row")}, replacing ${count(y.replaced, "row")}`);
      return 0;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      io.err(`calendar import: ${file}: ${explain(error)}; nothing was changed`);
      return 1;
    }
  });
}

async function show(argument: string, io: CliIo): Promise<number> {
  if (!/^[1-9]\d{3}$/.test(argument)) return usageError(io, "calendar", USAGE, `YEAR is four digits, like 2026, not "${argument}"`);
  const year = Number(argument);
  return withCore(io.config, async (ctx) => {
    const rows = await calendarRowsOfYear(ctx.db, year);
    for (const r of rows) io.out(`${r.day}  ${r.working ? "working" : "day-off"}  ${r.note}`.trimEnd());
    if (rows.length === 0) io.out(`no rows for ${year}: until its calendar is imported, only weekends count as days off`);
    const daysOff = rows.filter((r) => !r.working).length;
    const workingDays = workingDaysBetween(await loadCalendar(ctx.db), `${year - 1}-12-31`, `${year}-12-31`);
    io.out(`${year}: ${count(daysOff, "weekday")} off, ${count(rows.length - daysOff, "weekend day")} working, ${count(workingDays, "working day")}`);
    return 0;
  });
}


function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** Operators read English, from the same locale texts the bot shows, as plain text. */
function explain(error: DomainError): string {
  return labels("en")(`errors.${error.code}`, error.params).replace(/\.$/, "");
}
