import type { Writable } from "node:stream";
import type ExcelJS from "exceljs";
import type { Ctx } from "../shared/context.js";
import { can } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { excelDate, XLSX_DATE_FORMAT } from "../shared/workbook.js";
import { addSheet, openXlsx, toBuffer, writeHeader, type XlsxStream } from "../shared/xlsx-stream.js";
import { appealRows, type AppealRow } from "./appeal-rows.js";
import { figures, type Breakdown, type Figures } from "./figures.js";
import type { Period } from "./period.js";
import type { Scope } from "./scope.js";

/** The caller's translator, already in the reader's language: a locale key to its words (core keeps no texts). */
export type WorkbookWords = (key: string) => string;

export interface WorkbookInput {
  period: Period;
  scope: Scope;
  words: WorkbookWords;
}

/** Excel's rows per sheet, header included: a national year of appeals goes on to a second sheet. */
const ROWS_PER_SHEET = 1_048_575;

const asDate = (day: string | null) => (day === null ? null : excelDate(day));
const dateStyle: Partial<ExcelJS.Style> = { numFmt: XLSX_DATE_FORMAT, alignment: { horizontal: "center" } };

function table(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: { title: string; width: number; date?: boolean }[], rows: (string | number | Date | null)[][]): void {
  const sheet = addSheet(workbook, name);
  sheet.columns = columns.map((c) => ({ width: c.width, style: c.date ? dateStyle : {} }));
  writeHeader(sheet, columns.map((c) => c.title));
  for (const values of rows) {
    const row = sheet.addRow(values);
    columns.forEach((c, k) => c.date && (row.getCell(k + 1).style = dateStyle));
    row.commit();
  }
  sheet.commit();
}

function summaryRows(f: Figures, w: WorkbookWords): (string | number | null)[][] {
  const part = (prefix: string, breakdown: Breakdown, key: (value: string) => string) =>
    Object.entries(breakdown).map(([value, n]) => [`${w(prefix)}: ${w(key(value))}`, n] as [string, number]);
  const figure = (key: string) => w(`analytics.workbook.figure.${key}`);
  return [
    [figure("received"), f.received.total],
    ...part("analytics.workbook.column.type", f.received.type, (v) => `appeal.type.${v}`),
    ...part("analytics.workbook.column.category", f.received.category, (v) => (v === "none" ? "analytics.category_none" : `appeal.category.${v}`)),
    ...part("analytics.workbook.column.channel", f.received.channel, (v) => `analytics.channel.${v}`),
    ...part("analytics.workbook.column.state", f.received.state, (v) => `appeal.state.${v}`),
    [figure("extended"), f.received.extended],
    [figure("repeated"), f.received.repeated],
    [figure("complaints"), f.received.answerComplaints],
    [figure("decided"), f.closed.total],
    ...part("analytics.workbook.column.outcome", f.closed.outcome, (v) => `analytics.outcome.${v}`),
    [figure("on_time"), f.closed.onTime],
    [figure("late"), f.closed.late],
    [figure("median"), f.closed.medianDays],
    [figure("p90"), f.closed.p90Days],
    [figure("overdue"), f.overdueNow],
  ];
}

/**
 * A summary's workbook (DESIGN §7): a sheet per table — the summary, units, load, weeks — and the
 * raw list of the period's appeals, streamed. Applicants' names only for a reader who may see
 * personal data of that appeal; ДСП appeals only for a cleared reader. Returns the appeals listed.
 */
export async function writeWorkbook(ctx: Ctx, actor: Actor, input: WorkbookInput, output: Writable | string): Promise<{ rows: number; figures: Figures }> {
  const f = await figures(ctx, actor, input);
  const w = input.words;
  const col = (key: string) => w(`analytics.workbook.column.${key}`);
  const xlsx = await openXlsx(output, ctx.clock.now());
  try {
    const { workbook } = xlsx;
    table(workbook, w("analytics.workbook.sheet.summary"), [{ title: col("figure"), width: 60 }, { title: col("value"), width: 14 }], summaryRows(f, w));
    table(
      workbook,
      w("analytics.workbook.sheet.units"),
      [{ title: col("unit"), width: 50 }, { title: col("received"), width: 14 }, { title: col("on_time"), width: 14 }, { title: col("late"), width: 18 }, { title: col("rate"), width: 14 }],
      f.units.map((u) => [
        u.name === null ? w("analytics.scope.no_unit") : actor.language === "ru" ? u.name.ru : u.name.kk,
        u.received,
        u.onTime,
        u.late,
        u.onTime + u.late === 0 ? null : Math.round((1000 * u.onTime) / (u.onTime + u.late)) / 10,
      ]),
    );
    table(workbook, w("analytics.workbook.sheet.load"), [{ title: col("reviewer"), width: 40 }, { title: col("open"), width: 16 }, { title: col("overdue"), width: 16 }], f.load.map((l) => [l.name, l.open, l.overdue]));
    table(workbook, w("analytics.workbook.sheet.weeks"), [{ title: col("week"), width: 16, date: true }, { title: col("received"), width: 14 }], f.weekly.map((x) => [asDate(x.week), x.received]));
    const rows = await appealsSheets(ctx, actor, f, input.period, w, xlsx);
    await xlsx.finish();
    // Ids only: who took which period's appeals, and whether ДСП ones could be among them.
    ctx.log.info({ scope: input.scope, from: input.period.from, to: input.period.to, rows, userId: actor.userId, cleared: actor.clearance }, "statistics workbook written");
    return { rows, figures: f };
  } catch (error) {
    await xlsx.abort();
    throw error;
  }
}

const APPEAL_COLUMNS: { key: string; width: number; date?: boolean; value: (a: AppealRow, w: WorkbookWords, named: boolean) => string | Date | null }[] = [
  { key: "number", width: 18, value: (a) => a.number },
  { key: "registered", width: 14, date: true, value: (a) => asDate(a.registered_on) },
  { key: "type", width: 16, value: (a, w) => w(`appeal.type.${a.type}`) },
  { key: "category", width: 30, value: (a, w) => (a.category === null ? w("analytics.category_none") : w(`appeal.category.${a.category}`)) },
  { key: "channel", width: 16, value: (a, w) => w(`analytics.channel.${a.channel}`) },
  { key: "state", width: 24, value: (a, w) => w(`appeal.state.${a.state}`) },
  { key: "outcome", width: 24, value: (a, w) => w(`analytics.outcome.${a.outcome ?? "open"}`) },
  { key: "due", width: 14, date: true, value: (a) => asDate(a.due_on) },
  { key: "closed", width: 14, date: true, value: (a) => asDate(a.closed_on) },
  { key: "holder", width: 28, value: (a) => a.holder },
  { key: "applicant", width: 32, value: (a, _w, named) => (named ? a.applicant : null) },
];

async function appealsSheets(ctx: Ctx, actor: Actor, f: Figures, period: Period, w: WorkbookWords, { workbook, caughtUp }: XlsxStream): Promise<number> {
  const said = new Map<string, string>();
  // The same few words fill millions of cells: each is asked of the translator once.
  const say: WorkbookWords = (key) => said.get(key) ?? said.set(key, w(key)).get(key)!;
  let sheet: ExcelJS.Worksheet | undefined;
  let rows = 0;
  const open = () => {
    const n = Math.floor(rows / ROWS_PER_SHEET);
    sheet = addSheet(workbook, n === 0 ? w("analytics.workbook.sheet.appeals") : `${w("analytics.workbook.sheet.appeals")} ${n + 1}`);
    sheet.columns = APPEAL_COLUMNS.map((c) => ({ width: c.width }));
    writeHeader(sheet, APPEAL_COLUMNS.map((c) => w(`analytics.workbook.column.${c.key}`)));
  };
  open();
  for await (const page of appealRows(ctx.db, f.scope, period, actor.clearance)) {
    for (const a of page) {
      if (rows > 0 && rows % ROWS_PER_SHEET === 0) {
        sheet!.commit();
        open();
      }
      const named = can(actor, "appeal.personal_data", { holderUserId: a.holder_user_id, restricted: a.restricted });
      const row = sheet!.addRow(APPEAL_COLUMNS.map((c) => c.value(a, say, named)));
      APPEAL_COLUMNS.forEach((c, k) => c.date && (row.getCell(k + 1).style = dateStyle));
      row.commit();
      rows++;
    }
    await caughtUp(sheet!);
  }
  sheet!.commit();
  return rows;
}

/** The same workbook in memory, for a chat that sends it as a document. */
export async function workbookBuffer(ctx: Ctx, actor: Actor, input: WorkbookInput): Promise<{ rows: number; figures: Figures; buffer: Buffer }> {
  const { result, buffer } = await toBuffer((sink) => writeWorkbook(ctx, actor, input, sink));
  return { ...result, buffer };
}
