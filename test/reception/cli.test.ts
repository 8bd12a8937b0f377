import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliOn, SLOW } from "../support/app-process.js";
import { pdfText, skipPdfText } from "../support/pdf-text.js";

/** `npm run cli -- reception …` as operators run it, on a PGlite of its own; the calls share it, in order. */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "otinish-reception-cli-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => cliOn(path.join(dir, "data"))("reception", ...args);

describe("the reception command line", () => {
  it("refuses a wrong schedule with one line and exit code 2, before opening the database", { timeout: SLOW }, async () => {
    const run = await cli("hours", "--official", "1", "--days", "0-3", "--hours", "09:00-12:00");
    expect(run.code).toBe(2);
    expect(run.stderr.join("\n")).toContain("--days needs weekdays such as 1-5");
  });

  it("adds an official, sets the weekly hours, and prints a day's list", { timeout: SLOW * 3 }, async () => {
    const added = await cli("add", "--name-kk", "Әлиев Марат", "--name-ru", "Алиев Марат", "--title-kk", "Орынбасар", "--title-ru", "Заместитель", "--place-kk", "Астана, 312-бөлме", "--place-ru", "Астана, кабинет 312", "--direct");
    expect(added.stdout.join("\n")).toContain("official 1: Алиев Марат");
    const hours = await cli("hours", "--official", "1", "--days", "1-5", "--hours", "09:00-12:00", "--break", "10:30-11:00");
    expect(hours.code).toBe(0);
    expect(hours.stdout.join("\n")).toMatch(/slots added or withdrawn: [1-9]\d*/);
    const pdf = path.join(dir, "day.pdf");
    const day = await cli("day", "--official", "1", "--date", "2026-12-02", "--pdf", pdf);
    expect(day.stdout.join("\n")).toContain("Алиев Марат, 2026-12-02: 0 booked");
    if (!skipPdfText) expect(pdfText(await readFile(pdf))).toContain("No bookings on this day.");
  });
});
