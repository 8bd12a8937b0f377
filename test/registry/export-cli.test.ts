import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addEntry } from "../../core/registry/entries.js";
import { openDatabase } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import { users } from "../../db/schema/index.js";
import { cliOn } from "../support/app-process.js";
import { staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";

/**
 * `npm run cli -- journal-export …` as operators run it, on a PGlite of its own where a cleared
 * registrar registered an ordinary letter, a letter marked ДСП and a line of the ДСП journal.
 */

let dir: string;
const numbers: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "otinish-journal-cli-"));
  const database = await openDatabase({ dataDir: path.join(dir, "data", "pglite") });
  try {
    await migrate(database);
    const ctx = testCtx(database, "2026-03-02T10:00:00+05:00");
    const registrar = await staffMember(ctx, 9601, "registrar");
    await ctx.db.update(users).set({ clearance: true }).where(eq(users.id, registrar.userId));
    const cleared = { ...registrar, clearance: true };
    const letter = { journal: "incoming", entryDate: "2026-03-02", correspondent: "Қарағанды облыстық соты", summary: "Ақпарат" } as const;
    numbers.push((await addEntry(ctx, cleared, letter)).number);
    numbers.push((await addEntry(ctx, cleared, { ...letter, restricted: true })).number);
    await addEntry(ctx, cleared, { ...letter, journal: "restricted" });
  } finally {
    await database.close();
  }
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => cliOn(path.join(dir, "data"))(...args);
const period = ["--from", "2026-03-01", "--to", "2026-03-31"];

async function numbersIn(file: string): Promise<unknown[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.worksheets[0]!;
  return (sheet.getRows(2, sheet.rowCount - 1) ?? []).map((row) => row.getCell(1).value);
}

describe("journal-export on the command line", () => {
  it("writes a journal without its ДСП lines unless --restricted asks for them, and opens the ДСП journal only then", async () => {
    const plain = path.join(dir, "incoming.xlsx");
    expect(await cli("journal-export", "incoming", ...period, "--out", plain)).toMatchObject({
      code: 0,
      stdout: [`incoming 2026-03-01..2026-03-31: 1 line, ДСП lines left out, written to ${plain}`],
    });
    expect(await numbersIn(plain)).toEqual([numbers[0]]);

    const all = path.join(dir, "incoming-all.xlsx");
    expect((await cli("journal-export", "incoming", ...period, "--out", all, "--lang", "ru", "--restricted")).code).toBe(0);
    expect(await numbersIn(all)).toEqual(numbers);

    const secret = path.join(dir, "restricted.xlsx");
    expect(await cli("journal-export", "restricted", ...period, "--out", secret)).toMatchObject({
      code: 1,
      stderr: ["journal-export: This document is for official use only (ДСП). You have no clearance to open it"],
    });
    expect(existsSync(secret)).toBe(false);
    const nowhere = path.join(dir, "no-such-folder", "incoming.xlsx");
    expect(await cli("journal-export", "incoming", ...period, "--out", nowhere)).toMatchObject({
      code: 1,
      stderr: [`journal-export: cannot write ${nowhere}: ENOENT: no such file or directory, open '${nowhere}'`],
    });

    expect((await cli("journal-export", "letters", ...period, "--out", secret)).code).toBe(2);
    expect((await cli("journal-export", "incoming", "--from", "01.03.2026", "--to", "2026-03-31", "--out", secret)).code).toBe(2);
    expect((await cli("journal-export", "incoming", ...period, "--out", secret, "--lang", "en")).code).toBe(2);
  }, 120_000);
});
