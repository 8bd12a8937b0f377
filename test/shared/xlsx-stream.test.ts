import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { excelJs } from "../../core/shared/workbook.js";
import { addSheet, openXlsx, writeHeader } from "../../core/shared/xlsx-stream.js";

const dir = await mkdtemp(path.join(tmpdir(), "otinish-xlsx-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

const ROWS = 40_000;
const PAGE = 2_000;

describe("a streamed workbook", () => {
  // A year's list must leave for the file while it is written: held back until the end, it sat in
  // memory whole (hundreds of MB for a national year).
  it("is on disk as it is written, and reads back whole", async () => {
    const file = path.join(dir, "year.xlsx");
    const xlsx = await openXlsx(file, new Date("2026-12-01T09:00:00+05:00"));
    const sheet = addSheet(xlsx.workbook, "Өтініштер");
    writeHeader(sheet, ["№", "Өтініш беруші", "Мәтін"]);
    for (let n = 1; n <= ROWS; n += PAGE) {
      for (let k = n; k < n + PAGE; k++) {
        sheet.addRow([`2025/${k}`, `Әбдірахманов Ерлан ${k}`, `Сот шешімін орындау туралы өтініш ${k * 7919}`]).commit();
      }
      await xlsx.caughtUp(sheet);
    }
    const beforeTheEnd = (await stat(file)).size;
    sheet.commit();
    await xlsx.finish();
    const whole = (await stat(file)).size;
    expect(beforeTheEnd).toBeGreaterThan(whole / 2);

    const Excel = await excelJs();
    const book = new Excel.Workbook();
    await book.xlsx.readFile(file);
    const read = book.getWorksheet("Өтініштер")!;
    expect(read.rowCount).toBe(ROWS + 1);
    expect(read.getRow(ROWS + 1).getCell(1).value).toBe(`2025/${ROWS}`);
  });
});
