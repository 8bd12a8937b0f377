import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import { cliOn } from "../support/app-process.js";
import { seedAppealYear } from "../support/appeal-year.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { pdfText, skipPdfText } from "../support/pdf-text.js";

/** `npm run cli -- report legal-stats …` as operators run it, on a PGlite of its own holding a seeded year. */

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "otinish-report-cli-"));
  const database = await openDatabase({ dataDir: path.join(dir, "data", "pglite") });
  try {
    await migrate(database);
    const ctx = testCtx(database, "2026-03-02T10:00:00+05:00");
    await staffMember(ctx, 9901, "head");
    const reviewer = await staffMember(ctx, 9902, "reviewer");
    const citizen = await signedUpCitizen(ctx, 9999);
    await seedAppealYear(ctx.db, { year: 2025, appeals: 400, holders: [reviewer.userId], citizenUserId: citizen.userId });
  } finally {
    await database.close();
  }
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => cliOn(path.join(dir, "data"))(...args);

/** A total the command printed: `  received    123`. */
const printed = (stdout: string[], name: string) => Number(stdout.find((l) => l.trimStart().startsWith(`${name} `))!.trim().split(/\s+/).at(-1));

describe("report legal-stats on the command line", () => {
  it("writes the PDF and the workbook of a period with their totals, and refuses a period that is none", async () => {
    const pdf = path.join(dir, "q4.pdf");
    const made = await cli("report", "legal-stats", "--period", "2025-Q4", "--as", "9901", "--out", pdf);
    expect(made).toMatchObject({ code: 0, stderr: [] });
    expect(made.stdout[0]).toBe(`legal-stats 2025-10-01..2025-12-31 (kk) written to ${pdf}`);
    expect(made.stdout.at(-1)).toMatch(/^totals agree: \d+ = \d+; /);
    const received = printed(made.stdout, "received");
    expect(received).toBeGreaterThan(0);
    if (!skipPdfText) expect(pdfText(await readFile(pdf), { layout: true })).toMatch(new RegExp(`Кезеңде түскен өтініштер, барлығы\\s+${received}\\n`));

    const xlsx = path.join(dir, "q4.xlsx");
    const workbook = await cli("report", "legal-stats", "--period", "2025-Q4", "--as", "9901", "--format", "xlsx", "--language", "ru", "--out", xlsx);
    expect(workbook).toMatchObject({ code: 0, stderr: [] });
    expect(workbook.stdout.slice(1)).toEqual(made.stdout.slice(1));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const cells = new Map<unknown, unknown>();
    book.worksheets[0]!.eachRow((row) => cells.set(row.getCell(1).value, row.getCell(3).value));
    expect([cells.get("1"), cells.get("2"), cells.get("3"), cells.get("5")]).toEqual(
      ["pending at the start", "received", "decided", "pending at the end"].map((name) => printed(made.stdout, name)),
    );

    const nowhere = path.join(dir, "none.pdf");
    expect(await cli("report", "legal-stats", "--period", "2025-Q5", "--as", "9901", "--out", nowhere)).toMatchObject({
      code: 2,
      stderr: [expect.stringContaining("report legal-stats: «2025-Q5» is not a period. Write it as 2026, 2026-Q4, 2026-11 or 2026-10-01..2026-12-31")],
    });
    expect((await cli("report", "legal-stats", "--period", "2025-Q4", "--out", nowhere)).code).toBe(2);
    expect(existsSync(nowhere)).toBe(false);
  }, 120_000);
});

describe("report workbook on the command line", () => {
  it("streams a year's workbook with every appeal of it, and names no file for a unit that is not there", async () => {
    const out = path.join(dir, "year.xlsx");
    expect(await cli("report", "workbook", "--period", "2025", "--as", "9901", "--language", "ru", "--out", out)).toEqual({
      code: 0,
      stdout: [`workbook 2025-01-01..2025-12-31: 400 appeals, written to ${out}`],
      stderr: [],
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets.map((s) => s.name)).toEqual(["Сводка", "Подразделения", "Нагрузка", "Недели", "Обращения"]);
    expect(book.getWorksheet("Обращения")!.rowCount).toBe(401);
    const missing = path.join(dir, "none.xlsx");
    expect(await cli("report", "workbook", "--period", "2025", "--as", "9901", "--unit", "no-such-unit", "--out", missing)).toMatchObject({ code: 1, stderr: ["report workbook: no such unit or reviewer"] });
    expect(existsSync(missing)).toBe(false);
  }, 60_000);
});
