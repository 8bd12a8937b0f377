import { csvCells } from "../shared/csv.js";
import { DomainError } from "../shared/errors.js";

/**
 * Calendar files as an administrator writes them (DESIGN §3): CSV with the header
 * `date,working,note`, or JSON, an array of `{ date, working, note }`. Only the syntax is read
 * here; what the values may be is decided by `importCalendar`, so both formats are judged alike.
 */
export type CalendarFileFormat = "csv" | "json";

/** One entry with its values as written, and where a person finds it in the file. */
export interface CalendarFileRow {
  /** CSV: the line number, the header being line 1 (as a spreadsheet numbers rows); JSON: the entry's position from 1. */
  row: number;
  date: unknown;
  working: unknown;
  note: unknown;
}

const FIELDS = ["date", "working", "note"];

export function parseCalendarFile(text: string, format: CalendarFileFormat): CalendarFileRow[] {
  // Spreadsheets save UTF-8 with a byte-order mark.
  const body = text.replace(/^\uFEFF/, "");
  return format === "csv" ? parseCsv(body) : parseJson(body);
}

function parseCsv(text: string): CalendarFileRow[] {
  const lines = text.split(/\r?\n/);
  const header = lines[0] ?? "";
  if (splitCsvLine(header, 1).join(",").toLowerCase() !== FIELDS.join(","))
    throw new DomainError("calendar_csv_header", { expected: FIELDS.join(","), found: header.slice(0, 60) });
  const rows: CalendarFileRow[] = [];
  lines.forEach((line, index) => {
    // The header, and blank lines such as the one after a final newline, carry no entry.
    if (index === 0 || line.trim() === "") return;
    const row = index + 1;
    const cells = splitCsvLine(line, row);
    // An empty note may be left out, as spreadsheets do with trailing empty cells.
    if (cells.length < 2 || cells.length > 3) throw new DomainError("calendar_csv_columns", { row, found: cells.length });
    const [date, working, note = ""] = cells;
    rows.push({ row, date, working, note });
  });
  return rows;
}

function splitCsvLine(line: string, row: number): string[] {
  const cells = csvCells(line);
  if (!cells) throw new DomainError("calendar_csv_quote", { row });
  return cells;
}

function parseJson(text: string): CalendarFileRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DomainError("calendar_json_syntax", { reason: (error as Error).message });
  }
  if (!Array.isArray(data)) throw new DomainError("calendar_json_not_array");
  return data.map((entry: unknown, index) => {
    const row = index + 1;
    // A misspelt field ("notes") would otherwise be dropped without a word.
    if (typeof entry !== "object" || entry === null || Array.isArray(entry) || Object.keys(entry).some((key) => !FIELDS.includes(key)))
      throw new DomainError("calendar_json_entry", { row });
    const { date, working, note } = entry as Record<string, unknown>;
    return { row, date, working, note };
  });
}
