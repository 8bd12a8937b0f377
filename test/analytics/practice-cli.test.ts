import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import { rowsOf } from "../../db/rows.js";
import { seedAppealYear } from "../support/appeal-year.js";
import { cliOn } from "../support/app-process.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { pdfText, popplerMissing, skipPdfText } from "../support/pdf-text.js";

/** `npm run cli -- report practice …` as an operator runs it, on a PGlite of its own holding a seeded year. */

let dir: string;
let quarterAppeals: number;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "otinish-practice-cli-"));
  const database = await openDatabase({ dataDir: path.join(dir, "data", "pglite") });
  try {
    await migrate(database);
    const ctx = testCtx(database, "2027-01-05T10:00:00+05:00");
    await staffMember(ctx, 9901, "head");
    const reviewer = await staffMember(ctx, 9902, "reviewer");
    const citizen = await signedUpCitizen(ctx, 9903);
    await seedAppealYear(ctx.db, { year: 2026, appeals: 120, holders: [reviewer.userId], citizenUserId: citizen.userId });
    const [row] = await rowsOf<{ n: number }>(ctx.db, sql`select count(*)::int as n from appeals where registered_on between '2026-10-01' and '2026-12-31'`);
    quarterAppeals = row!.n;
  } finally {
    await database.close();
  }
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => cliOn(path.join(dir, "data"))(...args);

describe("report practice on the command line", () => {
  it(`writes the Head's draft note of a quarter as a PDF, in the Head's language or the one asked${skipPdfText ? ` (text checks skipped: ${popplerMissing})` : ""}`, async () => {
    const kk = path.join(dir, "note-kk.pdf");
    expect(await cli("report", "practice", "--period", "2026-Q4", "--as", "9901", "--out", kk)).toEqual({
      code: 0,
      stdout: [`practice note 2026-10-01..2026-12-31: ${quarterAppeals} appeals, written to ${kk}`],
      stderr: [],
    });
    const ru = path.join(dir, "note-ru.pdf");
    expect((await cli("report", "practice", "--period", "2026-q4", "--as", "9901", "--language", "ru", "--out", ru)).code).toBe(0);
    if (skipPdfText) return;
    expect(pdfText(readFileSync(kk))).toContain("ЖОБА");
    expect(pdfText(readFileSync(ru))).toContain("ПРОЕКТ");
  });

  it("refuses a reviewer, a period that is none, and a command line it cannot read", async () => {
    const out = path.join(dir, "refused.pdf");
    expect(await cli("report", "practice", "--period", "2026-Q4", "--as", "9902", "--out", out)).toMatchObject({ code: 1, stderr: ["report practice: You do not have access to this"] });
    expect(await cli("report", "practice", "--period", "2026-Q5", "--as", "9901", "--out", out)).toMatchObject({ code: 1, stderr: [expect.stringContaining("«2026-Q5» is not a period")] });
    expect(await cli("report", "practice", "--period", "2026-Q4", "--as", "9999", "--out", out)).toMatchObject({ code: 1, stderr: ["report practice: no one with this Telegram id has used the bot"] });
    expect((await cli("report", "practice", "--period", "2026-Q4", "--out", out)).code).toBe(2);
    expect((await cli("report", "practice", "--period", "2026-Q4", "--as", "9901", "--language", "en")).code).toBe(2);
    expect(await cli("report", "yearly")).toMatchObject({ code: 2, stderr: [expect.stringContaining('report: unknown report "yearly"')] });
    expect(() => readFileSync(out)).toThrow();
  });
});
