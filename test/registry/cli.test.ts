import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import { users } from "../../db/schema/index.js";
import { staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { cliOn } from "../support/app-process.js";

/** `npm run cli -- registry …` as the sector runs it at a desk, in a named registrar's name, on a PGlite of its own. */

const CLEARED = "9401";
const UNCLEARED = "9402";
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "otinish-registry-cli-"));
  const database = await openDatabase({ dataDir: path.join(dir, "data", "pglite") });
  try {
    await migrate(database);
    const ctx = testCtx(database);
    const cleared = await staffMember(ctx, Number(CLEARED), "registrar");
    await ctx.db.update(users).set({ clearance: true }).where(eq(users.id, cleared.userId));
    await staffMember(ctx, Number(UNCLEARED), "registrar");
    await staffMember(ctx, 9403, "citizen");
  } finally {
    await database.close();
  }
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => cliOn(path.join(dir, "data"))(...args);
const year = new Date().getFullYear();

describe("registry on the command line", () => {
  it("adds lines with gapless numbers, lists, shows, corrects with a reason and marks ДСП; an uncleared registrar then cannot see the marked line", async () => {
    const add = (...extra: string[]) => cli("registry", "add", "--as", CLEARED, "--journal", "incoming", "--correspondent", "Алматы облыстық соты", ...extra);
    expect((await add("--summary", "Іс бойынша хат", "--pages", "3")).stdout[0]).toMatch(new RegExp(`^КХ-${year}-000001 registered in incoming on ${year}-`));
    expect((await add("--summary", "Екінші хат")).stdout[0]).toMatch(new RegExp(`^КХ-${year}-000002 `));
    const court = await cli("registry", "add", "--as", CLEARED, "--journal", "court_cases", "--direction", "out", "--case-number", "6001-26-00-6ап/12", "--correspondent", "Астана қалалық соты", "--summary", "Іс қайтарылды");
    expect(court.stdout[0]).toMatch(new RegExp(`^СІ-${year}-000001 `));

    const first = `КХ-${year}-000001`;
    const corrected = await cli("registry", "correct", "--as", CLEARED, first, "--pages", "4", "--reason", "Қосымша парақ табылды");
    expect(corrected.stdout).toEqual([`${first} corrected: pages`]);
    const shown = await cli("registry", "show", "--as", UNCLEARED, first);
    expect(shown.stdout).toContain("pages: 4");
    expect(shown.stdout.some((l) => l.includes("corrected «Қосымша парақ табылды»") && l.includes('"pages":3'))).toBe(true);

    expect((await cli("registry", "restrict", "--as", UNCLEARED, first, "--reason", "Тәртіптік іс")).stderr[0]).toMatch(/^registry restrict: /);
    expect((await cli("registry", "restrict", "--as", CLEARED, first, "--reason", "Тәртіптік іс")).stdout).toEqual([`${first}: marked ДСП`]);
    const hidden = await cli("registry", "show", "--as", UNCLEARED, first);
    expect(hidden.code).toBe(1);
    expect(hidden.stderr).toEqual(["registry show: No such line"]);
    const list = await cli("registry", "list", "--as", UNCLEARED, "--journal", "incoming");
    expect(list.stdout[0]).toBe("incoming: 1 lines");
    expect(list.stdout.join("\n")).not.toContain(first);
    expect((await cli("registry", "list", "--as", CLEARED, "--journal", "incoming")).stdout[0]).toBe("incoming: 2 lines");
  }, 120_000);

  it("refuses a wrong command line, a line that does not fit its journal and someone who is not staff, adding nothing", async () => {
    expect((await cli("registry", "add", "--as", CLEARED, "--journal", "letters")).code).toBe(2);
    expect((await cli("registry", "add", "--journal", "incoming")).code).toBe(2);
    const noDirection = await cli("registry", "add", "--as", CLEARED, "--journal", "court_cases", "--correspondent", "Сот", "--summary", "Іс");
    expect(noDirection.code).toBe(1);
    const citizen = await cli("registry", "add", "--as", "9403", "--journal", "incoming", "--correspondent", "Сот", "--summary", "Іс");
    expect(citizen.stderr[0]).toMatch(/^registry add: /);
    expect((await cli("registry", "list", "--as", CLEARED, "--journal", "court_cases")).stdout[0]).toBe("court_cases: 1 lines");
  }, 120_000);
});
