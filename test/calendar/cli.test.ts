import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliOn, SLOW } from "../support/app-process.js";

/**
 * The operators' commands as they are run: `tsx cli/main.ts …` in a child process, on a PGlite of
 * their own in a fresh DATA_DIR. Each start costs seconds (the first also creates the database),
 * so the calls are few and share one directory, in order.
 */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "otinish-cli-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => cliOn(path.join(dir, "data"))(...args);

describe("operators' calendar and deadline commands", () => {
  it("refuses bad arguments with one line and exit code 2, before opening the database", async () => {
    const date = await cli("deadline", "--received", "2026-02-30", "--type", "application");
    expect(date).toMatchObject({ code: 2, stdout: [] });
    expect(date.stderr).toHaveLength(1);
    expect(date.stderr[0]).toContain("--received");

    const type = await cli("deadline", "--received", "2026-03-20", "--type", "appeal", "--kind", "forward");
    expect(type).toMatchObject({ code: 2, stdout: [] });
    expect(type.stderr).toEqual([expect.stringContaining("application, complaint, proposal, response, request, report")]);
    expect(existsSync(path.join(dir, "data"))).toBe(false);
  }, SLOW);

  it("refuses a wrong calendar file whole and says which row is wrong", async () => {
    const file = path.join(dir, "wrong.csv");
    await writeFile(file, "date,working,note\n2027-01-04,false,ok\n2027-01-02,false,a Saturday\n");
    const run = await cli("calendar", "import", file);
    expect(run.code).toBe(1);
    expect(run.stderr).toEqual([expect.stringMatching(/Row 3: 2027-01-02 is a Saturday or Sunday.*in its note; nothing was changed$/)]);
  }, SLOW);

  it("imports a year, shows it with its count of working days, and counts deadlines by it", async () => {
    const file = path.join(dir, "2027.json");
    await writeFile(
      file,
      JSON.stringify([
        { date: "2027-01-01", working: false, note: "New Year" },
        { date: "2027-01-07", working: false, note: "Orthodox Christmas" },
        { date: "2027-01-08", working: "off", note: "day off moved from Saturday 9 January" },
        { date: "2027-01-09", working: true, note: "worked Saturday" },
      ]),
    );
    expect(await cli("calendar", "import", file)).toEqual({ code: 0, stdout: ["2027: loaded 4 rows, replacing 0 rows"], stderr: [] });

    // 2027 has 261 weekdays (it starts on a Friday): minus 3 days off, plus 1 worked Saturday.
    expect(await cli("calendar", "show", "2027")).toEqual({
      code: 0,
      stdout: [
        "2027-01-01  day-off  New Year",
        "2027-01-07  day-off  Orthodox Christmas",
        "2027-01-08  day-off  day off moved from Saturday 9 January",
        "2027-01-09  working  worked Saturday",
        "2027: 3 weekdays off, 1 weekend day working, 259 working days",
      ],
      stderr: [],
    });
  }, 2 * SLOW);

  it("prints the deadline alone on the last line, after how it was reached", async () => {
    // Sat 21 Mar 2026, within Nauryz: registered Thu 26 Mar; 15 working days end Thu 16 Apr.
    const review = await cli("deadline", "--received", "2026-03-21", "--type", "application");
    expect(review.code).toBe(0);
    expect(review.stdout).toEqual([expect.stringContaining("registered on 2026-03-26"), expect.stringContaining("15 working days"), "2026-04-16"]);

    // Wed 6 Jan 2027 with the imported rows: Thu 7 and Fri 8 off, Sat 9 worked (1), Mon 11 (2), Tue 12 (3).
    const forward = await cli("deadline", "--received", "2027-01-06", "--type", "complaint", "--kind", "forward");
    expect(forward).toMatchObject({ code: 0, stderr: [] });
    expect(forward.stdout.at(-1)).toBe("2027-01-12");

    // Thu 30 Dec 2027: Fri 31 (1), Mon 3 (2), Tue 4 Jan 2028 (3); nobody loaded 2028, and the operator is told.
    const late = await cli("deadline", "--received", "2027-12-30", "--type", "complaint", "--kind", "forward");
    expect(late.stdout.at(-1)).toBe("2028-01-04");
    expect(late.stderr).toEqual(["warning: the calendar has no rows for 2028, so only weekends were counted as days off in it"]);
  }, 3 * SLOW);
});
