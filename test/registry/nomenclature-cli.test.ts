import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAppeal } from "../../core/appeals/register.js";
import { openDatabase } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import { cliOn } from "../support/app-process.js";
import { signedUpCitizen } from "../support/citizens.js";
import { testCtx } from "../support/core.js";

/**
 * `npm run cli -- nomenclature …` and `retention …` as operators run them, in this process on a
 * PGlite of their own. The shipped sample is what is loaded first.
 */

const SAMPLE = fileURLToPath(new URL("../../db/seed/nomenclature-2026.csv", import.meta.url));
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "otinish-nomenclature-cli-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => cliOn(path.join(dir, "data"))(...args);

async function file(name: string, lines: string[]): Promise<string> {
  const target = path.join(dir, name);
  await writeFile(target, lines.join("\n") + "\n");
  return target;
}

/** An appeal registered in March 2026 on the same database, so it is filed to that year's appeals case. */
async function appealOf2026(): Promise<void> {
  const database = await openDatabase({ dataDir: path.join(dir, "data", "pglite") });
  try {
    await migrate(database);
    const ctx = testCtx(database, "2026-03-02T10:00:00+05:00");
    const citizen = await signedUpCitizen(ctx, 9601);
    await registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "request", text: "Прошу разъяснить порядок.", language: "ru", replyChannel: "chat" });
  } finally {
    await database.close();
  }
}

describe("the nomenclature of cases on the command line", () => {
  it("refuses a wrong file whole, naming each wrong line, before touching the database", async () => {
    const wrong = await file("wrong.csv", [
      "# a note line is skipped",
      "index,title,retention_years,articles,holds",
      "01-01,Orders,permanent,,",
      "01-02,Appeals,five,,appeals",
      "01-01,Again,3,,",
      "01-04,Mail,5,,letters",
      ",No index,5,,",
    ]);
    const run = await cli("nomenclature", "import", wrong, "--year", "2026");
    expect(run).toEqual({
      code: 1,
      stdout: [],
      stderr: [
        `nomenclature import: ${wrong}: The nomenclature file is refused (4 problems); nothing was changed`,
        "  line 4: retention_years must be a whole number of years from 1 to 100, or permanent",
        "  line 5: index 01-01 is already on line 3",
        "  line 6: holds must be empty or one of incoming, outgoing, court_cases, restricted, appeals",
        "  line 7: the index must be like 01-05",
      ],
    });
  }, 60_000);

  it("loads the sample, shows each case with its records, and on a second import keeps a case that holds records", async () => {
    expect(await cli("nomenclature", "import", SAMPLE, "--year", "2026")).toEqual({ code: 0, stdout: ["2026: 8 cases added, 0 updated"], stderr: [] });
    await appealOf2026();
    const shown = await cli("nomenclature", "show", "--year", "2026");
    expect(shown.code).toBe(0);
    expect(shown.stdout).toHaveLength(8);
    expect(shown.stdout[0]).toMatch(/^01-01 {2}Жалпы бөлімнің ережесі.* {2}permanent {2}appeals 0, journal lines 0$/);
    expect(shown.stdout[2]).toMatch(/^01-03 {2}Жеке және заңды тұлғалардың өтініштері.* {2}5 years {2}\[appeals\] {2}appeals 1, journal lines 0$/);

    // The appeals case and the acts' case are left out; a new case comes in; periods change.
    const next = await file("next.csv", [
      "index,title,retention_years,articles,holds",
      "01-01,Orders and the nomenclature,permanent,,",
      "01-04,Incoming correspondence,3,,incoming",
      "01-09,Court cases,10,,court_cases",
    ]);
    const again = await cli("nomenclature", "import", next, "--year", "2026");
    expect(again).toEqual({
      code: 0,
      stdout: ["2026: 1 case added, 2 updated, 5 removed (01-02, 01-05, 01-06, 01-07, 01-08)", "kept, not in the file but holding records or named in an act: 01-03"],
      stderr: [],
    });
    expect((await cli("nomenclature", "show", "--year", "2026")).stdout).toEqual([
      "01-01  Orders and the nomenclature  permanent  appeals 0, journal lines 0",
      expect.stringMatching(/^01-03 {2}.* {2}5 years {2}appeals 1, journal lines 0$/),
      "01-04  Incoming correspondence  3 years  [incoming]  appeals 0, journal lines 0",
      "01-09  Court cases  10 years  [court_cases]  appeals 0, journal lines 0",
    ]);

    // No act yet; by the end of 2031 both temporary cases of 2026 are due for the expert review, never the permanent one.
    const retention = await cli("retention", "show", "--year", "2031");
    expect(retention.stdout).toEqual([
      "no destruction acts",
      "due for the expert review of value by the end of 2031:",
      expect.stringMatching(/^ {2}2026 01-03 {2}.* {2}kept through 2031 {2}appeals 1, journal lines 0$/),
      "  2026 01-04  Incoming correspondence  kept through 2029  appeals 0, journal lines 0",
    ]);
    expect((await cli("retention", "approve", "АКТ-2027-000001")).code).toBe(2);
  }, 120_000);
});
