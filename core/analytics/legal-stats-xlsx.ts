import type ExcelJS from "exceljs";
import { almatyDate } from "../calendar/dates.js";
import type { Ctx } from "../shared/context.js";
import type { Actor } from "../shared/roles.js";
import { excelDate, excelJs, styleHeaderRow, XLSX_DATE_FORMAT } from "../shared/workbook.js";
import { legalStatsSheet, type LegalStatsInput, type LegalStatsSheet } from "./legal-stats-sheet.js";

/** Number, indicator, appeals: widths in characters, as Excel counts them. */
const WIDTHS = [10, 72, 16];

/**
 * The report as a workbook of one sheet: the department, title and period above (its first and
 * last day as dates), the table under a frozen header row with counts as numbers, then the checks,
 * the day it was made and who made it.
 */
export async function renderLegalStatsXlsx(sheet: LegalStatsSheet): Promise<Buffer> {
  const Excel = await excelJs();
  const book = new Excel.Workbook();
  book.creator = "Otinish";
  book.created = sheet.statistics.madeAt;
  book.title = sheet.title;
  const ws = book.addWorksheet(sheet.sheetName, { pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = WIDTHS.map((width) => ({ width }));

  const across = (text: string, font: Partial<ExcelJS.Font>) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, WIDTHS.length);
    row.font = font;
    row.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    return row;
  };
  across(sheet.department.join(" "), { bold: true });
  across(sheet.title, { bold: true, size: 13 }).height = 36;
  across(sheet.subtitle, {});
  across(sheet.periodName, { bold: true });
  const dated = (label: string, value: Date) => {
    const row = ws.addRow([null, label, value]);
    row.getCell(3).numFmt = XLSX_DATE_FORMAT;
    row.getCell(3).alignment = { horizontal: "center" };
  };
  dated(sheet.periodFrom, excelDate(sheet.statistics.period.from));
  dated(sheet.periodTo, excelDate(sheet.statistics.period.to));
  ws.addRow([]);

  const header = ws.addRow([sheet.columns.number, sheet.columns.indicator, sheet.columns.appeals]);
  styleHeaderRow(header, 30);
  ws.views = [{ state: "frozen", ySplit: header.number }];
  const thin: Partial<ExcelJS.Borders> = { top: { style: "thin" }, bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" } };
  header.eachCell((cell) => (cell.border = thin));
  for (const line of sheet.lines) {
    const row = ws.addRow([line.number || null, line.label, line.appeals]);
    row.font = { bold: line.total };
    row.getCell(1).alignment = { horizontal: "center", vertical: "top" };
    row.getCell(2).alignment = { indent: line.level * 2, vertical: "top", wrapText: true };
    row.getCell(3).alignment = { horizontal: "center", vertical: "top" };
    row.getCell(3).numFmt = "0";
    for (let c = 1; c <= WIDTHS.length; c++) row.getCell(c).border = thin;
  }

  ws.addRow([]);
  ws.addRow([null, sheet.checked]).font = { bold: true };
  for (const c of sheet.checks) ws.addRow([null, c.label, `${c.left} ${c.relation} ${c.right}`]).getCell(3).alignment = { horizontal: "center" };
  if (sheet.asOf) ws.addRow([null, sheet.asOf]);
  ws.addRow([]);
  dated(sheet.madeAtLabel, excelDate(almatyDate(sheet.statistics.madeAt)));
  ws.addRow([null, `${sheet.madeByLabel}: ${sheet.madeBy}`]);

  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The legal-statistics report of a period as an XLSX workbook, in the reader's language; refused when its totals do not agree. */
export async function legalStatsXlsx(ctx: Ctx, actor: Actor, input: LegalStatsInput): Promise<Buffer> {
  return renderLegalStatsXlsx(await legalStatsSheet(ctx, actor, input));
}
