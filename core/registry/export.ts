import type { Writable } from "node:stream";
import type ExcelJS from "exceljs";
import { z } from "zod";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { XLSX_DATE_FORMAT } from "../shared/workbook.js";
import { addSheet, openXlsx, toBuffer, writeHeader } from "../shared/xlsx-stream.js";
import { EXPORT_LANGUAGES, JOURNAL_COLUMNS, type Column, type ExportWords } from "./export-columns.js";
import { journalRows } from "./export-rows.js";
import { JOURNALS } from "./kinds.js";

export type { ExportWords } from "./export-columns.js";

const input = z.object({
  journal: z.enum(JOURNALS),
  /** The period, by the lines' dates, both days included. */
  from: z.iso.date(),
  to: z.iso.date(),
  /** The language of the words inside cells (a dispatch method, a direction, the sheet's name). */
  language: z.enum(EXPORT_LANGUAGES),
  words: z.custom<ExportWords>((value) => typeof value === "function"),
});
export type ExportInput = z.input<typeof input>;


const STYLE: Record<Column["kind"], Partial<ExcelJS.Style>> = {
  text: { alignment: { vertical: "top" } },
  long: { alignment: { vertical: "top", wrapText: true } },
  date: { numFmt: XLSX_DATE_FORMAT, alignment: { vertical: "top", horizontal: "center" } },
  count: { alignment: { vertical: "top", horizontal: "center" } },
};

/**
 * A journal's lines of a period as an XLSX workbook (DESIGN §6), written to `output` (a stream, or a
 * file path) as they are read, a page at a time, so a year of lines never sits in memory. Lines
 * marked ДСП are left out for a reader without clearance, and the ДСП journal itself needs it.
 */
export async function exportJournal(ctx: Ctx, actor: Actor, raw: ExportInput, output: Writable | string): Promise<{ rows: number }> {
  const { journal, from, to, language, words } = parseInput(input, raw);
  assertCan(actor, "registry.export");
  if (journal === "restricted" && !actor.clearance) throw new DomainError("clearance_required");
  if (from > to) throw new DomainError("export_period");

  const xlsx = await openXlsx(output, ctx.clock.now());
  // The same few words fill thousands of cells: each is asked of the translator once.
  const said = new Map<string, string>();
  const say = (key: Parameters<ExportWords>[1]) => said.get(key) ?? said.set(key, words(language, key)).get(key)!;
  const columns = JOURNAL_COLUMNS[journal];
  try {
    const sheet = addSheet(xlsx.workbook, say(`journal.${journal}`));
    sheet.columns = columns.map((c) => ({ key: c.key, width: c.width, style: STYLE[c.kind] }));
    // One header row, Kazakh above Russian in each cell: the state language first, and every clerk
    // reads the column in their own; one row keeps Excel's filter and sort on the table as it is.
    writeHeader(sheet, columns.map((c) => `${words("kk", `column.${c.key}`)}\n${words("ru", `column.${c.key}`)}`), 45);

    let rows = 0;
    for await (const page of journalRows(ctx.db, { journal, from, to, cleared: actor.clearance })) {
      for (const line of page) {
        const row = sheet.addRow(columns.map((c) => c.value(line, say)));
        // The column's own style object, not a copy per cell: the writer then knows it at once.
        columns.forEach((c, k) => (row.getCell(k + 1).style = STYLE[c.kind]));
        row.commit();
      }
      rows += page.length;
      await xlsx.caughtUp(sheet);
    }
    sheet.commit();
    await xlsx.finish();
    // Ids only: who exported which journal's period, and whether ДСП lines could be in it.
    ctx.log.info({ journal, from, to, rows, userId: actor.userId, cleared: actor.clearance }, "journal exported");
    return { rows };
  } catch (error) {
    await xlsx.abort();
    throw error;
  }
}

/** The same workbook in memory, for a chat that sends it as a document. */
export async function exportJournalBuffer(ctx: Ctx, actor: Actor, raw: ExportInput): Promise<{ rows: number; buffer: Buffer }> {
  const { result, buffer } = await toBuffer((sink) => exportJournal(ctx, actor, raw, sink));
  return { rows: result.rows, buffer };
}
