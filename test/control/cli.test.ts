import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordControlDocument } from "../../core/control/record.js";
import { acceptReport, submitReport } from "../../core/control/report.js";
import { openDatabase } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import { staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { staffIn, unitId } from "./fixtures.js";
import { cliOn } from "../support/app-process.js";

/**
 * `npm run cli -- control …` as operators run it: a child process on a PGlite of its own. The items
 * are written first by the core on the same data directory, dated March 2026, so by the real clock
 * the one not executed is overdue.
 */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "otinish-control-cli-"));
  const database = await openDatabase({ dataDir: path.join(dir, "data", "pglite") });
  try {
    await migrate(database);
    const ctx = testCtx(database, "2026-03-02T10:00:00+05:00");
    const registrar = await staffMember(ctx, 9301, "registrar");
    const ja = await unitId(ctx, "judicial_administration");
    const late = await staffIn(ctx, 9302, "executor", "Сейітов Нұрлан", ja);
    const prompt = await staffIn(ctx, 9303, "executor", "Әлиева Гүлнар", ja);
    const base = { source: "head_of_state" as const, sourceNumber: "21-01.1234", sourceDate: "2026-02-27", text: "Ақпарат ұсынылсын." };
    await recordControlDocument(ctx, registrar, { ...base, executorUserIds: [late.userId], dueOn: "2026-03-12" });
    const done = await recordControlDocument(ctx, registrar, { ...base, executorUserIds: [prompt.userId], dueOn: "2026-03-10" });
    const report = await submitReport(ctx, prompt, { executorId: done.executors[0]!.executorId, note: "Орындалды." });
    await acceptReport(ctx, registrar, { reportId: report.reportId });
  } finally {
    await database.close();
  }
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => cliOn(path.join(dir, "data"))(...args);

describe("control on the command line", () => {
  it("lists every executor's item by due date, and with --overdue only the late ones not executed", async () => {
    const all = await cli("control", "list");
    expect(all.code).toBe(0);
    expect(all.stdout).toEqual([
      "БҚ-2026-000002  due 2026-03-10  Әлиева Гүлнар (judicial_administration)  head_of_state  executed 2026-03-02 (on time)",
      "БҚ-2026-000001  due 2026-03-12  Сейітов Нұрлан (judicial_administration)  head_of_state  assigned, OVERDUE",
    ]);
    const overdue = await cli("control", "list", "--overdue");
    expect(overdue.stdout).toEqual(["БҚ-2026-000001  due 2026-03-12  Сейітов Нұрлан (judicial_administration)  head_of_state  assigned, OVERDUE"]);
  }, 120_000);

  it("names a unit's head by Telegram id and refuses a wrong command line", async () => {
    expect(await cli("control", "head", "--unit", "judicial_administration", "--telegram", "9302")).toMatchObject({ code: 0, stdout: ["judicial_administration: head set"] });
    expect(await cli("control", "head", "--unit", "nowhere", "--telegram", "9302")).toMatchObject({ code: 1, stderr: ["control head: There is no active unit «nowhere»"] });
    expect((await cli("control", "head", "--unit", "judicial_administration")).code).toBe(2);
    expect((await cli("control", "shout")).code).toBe(2);
  }, 120_000);
});
