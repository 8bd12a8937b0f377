import { almatyDate, type IsoDate } from "../calendar/dates.js";
import { excelDate } from "../shared/workbook.js";
import type { CourtCase, Dispatch } from "./entries.js";
import type { JournalRow } from "./export-rows.js";
import type { DispatchMethod, Journal } from "./kinds.js";

export const EXPORT_LANGUAGES = ["kk", "ru"] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

export type ColumnKey =
  | "number"
  | "entry_date"
  | "correspondent"
  | "summary"
  | "pages"
  | "dispatch_method"
  | "dispatch_detail"
  | "direction"
  | "case_number"
  | "court"
  | "volumes"
  | "sent_on"
  | "returned_on"
  | "link"
  | "case_index"
  | "restricted"
  | "erased_on";

/** Every word the workbook shows, as `export_xlsx.<key>` in the locale files. */
export type ExportWordKey = `column.${ColumnKey}` | `journal.${Journal}` | `dispatch.${DispatchMethod}` | `direction.${"in" | "out"}` | "restricted_mark";

/** The caller's translator (core keeps no texts): a word of the workbook in one of its two languages. */
export type ExportWords = (language: ExportLanguage, key: ExportWordKey) => string;

export type CellValue = string | number | Date | null;

export interface Column {
  key: ColumnKey;
  /** In characters, as Excel counts them. */
  width: number;
  /** Dates get a date format, long texts wrap. */
  kind: "text" | "long" | "date" | "count";
  value(row: JournalRow, say: (key: ExportWordKey) => string): CellValue;
}

const optionalDate = (date: IsoDate | undefined | null) => (date ? excelDate(date) : null);

// An erased line keeps its number, date and links; whom it came from, what it said and where it
// went were personal data, and whatever the line still holds of them is not written out again.
const personal = (row: JournalRow, value: CellValue) => (row.erasedAt ? null : value);

const dispatchDetail = (d: Dispatch | null): string | null => (d?.method === "post" ? (d.postNumber ?? null) : d?.method === "email" ? d.address : null);

const courtCase = (row: JournalRow) => row.courtCase as CourtCase | null;

const HEAD: Column[] = [
  { key: "number", width: 18, kind: "text", value: (row) => row.number },
  { key: "entry_date", width: 12, kind: "date", value: (row) => excelDate(row.entryDate) },
  { key: "correspondent", width: 32, kind: "long", value: (row) => personal(row, row.correspondent) },
  { key: "summary", width: 60, kind: "long", value: (row) => personal(row, row.summary) },
  { key: "pages", width: 9, kind: "count", value: (row) => row.pages },
];

const DISPATCH: Column[] = [
  { key: "dispatch_method", width: 16, kind: "text", value: (row, say) => (row.dispatch ? say(`dispatch.${(row.dispatch as Dispatch).method}`) : null) },
  { key: "dispatch_detail", width: 28, kind: "text", value: (row) => personal(row, dispatchDetail(row.dispatch as Dispatch | null)) },
];

const COURT_CASE: Column[] = [
  { key: "direction", width: 12, kind: "text", value: (row, say) => (row.direction === "in" || row.direction === "out" ? say(`direction.${row.direction}`) : null) },
  { key: "case_number", width: 18, kind: "text", value: (row) => courtCase(row)?.caseNumber ?? null },
  { key: "court", width: 36, kind: "long", value: (row) => courtCase(row)?.court ?? null },
  { key: "volumes", width: 9, kind: "count", value: (row) => courtCase(row)?.volumes ?? null },
  { key: "sent_on", width: 12, kind: "date", value: (row) => optionalDate(courtCase(row)?.sentOn) },
  { key: "returned_on", width: 12, kind: "date", value: (row) => optionalDate(courtCase(row)?.returnedOn) },
];

const TAIL: Column[] = [
  { key: "link", width: 22, kind: "text", value: (row) => [row.appealNumber, row.controlNumber, row.replyToNumber].filter(Boolean).join(", ") || null },
  { key: "case_index", width: 14, kind: "text", value: (row) => row.caseIndex },
  { key: "restricted", width: 10, kind: "text", value: (row, say) => (row.restricted ? say("restricted_mark") : null) },
  { key: "erased_on", width: 14, kind: "date", value: (row) => (row.erasedAt ? excelDate(almatyDate(row.erasedAt)) : null) },
];

/** Each journal's columns: dispatch for outgoing letters, the case's fields for court cases. */
export const JOURNAL_COLUMNS: Record<Journal, Column[]> = {
  incoming: [...HEAD, ...TAIL],
  outgoing: [...HEAD, ...DISPATCH, ...TAIL],
  court_cases: [...HEAD, ...COURT_CASE, ...TAIL],
  restricted: [...HEAD, ...TAIL],
};
