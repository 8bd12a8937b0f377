import type ExcelJS from "exceljs";
import type { IsoDate } from "../calendar/dates.js";

/** How a clerk reads a date in a cell: 31.12.2026. */
export const XLSX_DATE_FORMAT = "dd.mm.yyyy";

/** A calendar date as Excel keeps one: midnight UTC is that very day, whatever the reader's zone. */
export function excelDate(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

/**
 * exceljs, loaded when a workbook is asked for: every process that builds the bot (each test file,
 * the console) would otherwise pay for it at start.
 */
export async function excelJs(): Promise<typeof ExcelJS> {
  return (await import("exceljs")).default;
}

/** A table's header row as the department's workbooks show it: bold, centred, wrapped, on grey, ruled below. */
export function styleHeaderRow(row: ExcelJS.Row, height: number): void {
  row.height = height;
  row.font = { bold: true };
  row.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7E6E6" } };
    cell.border = { bottom: { style: "thin" } };
  });
}
