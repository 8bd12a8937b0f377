import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { registerAppeal } from "../../core/appeals/register.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { addUnit } from "../../core/staff/units.js";
import { openDatabase } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import { appeals, users } from "../../db/schema/index.js";
import { signedUpCitizen } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { joinedStaff } from "../support/staff.js";
import { cliOn } from "../support/app-process.js";

/**
 * `npm run cli -- staff …` as operators run it: a child process on a PGlite of its own, where the
 * core first made staff join by invite, and a reviewer took an appeal.
 */

let dir: string;
let appealNumber: string;
const dataDir = () => path.join(dir, "data", "pglite");

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "otinish-staff-cli-"));
  const database = await openDatabase({ dataDir: dataDir() });
  try {
    await migrate(database);
    const ctx = testCtx(database);
    await addUnit(ctx, CONSOLE_OPERATOR, { code: "personnel", kind: "ja_unit", nameKk: "Кадр қызметі", nameRu: "Кадровая служба" });
    const reviewer = await joinedStaff(ctx, 9401, "reviewer", "appeals_review", "Ерлан Жұмабеков");
    await joinedStaff(ctx, 9402, "executor", "personnel", "Айгүл Серікова");
    await joinedStaff(ctx, 9403, "reviewer", "personnel", "Дана Омарова");
    const registrar = await joinedStaff(ctx, 9404, "registrar", "document_flow", "Гүлнар Әлиева");
    const owner = await signedUpCitizen(ctx, 9405);
    const { appealId, number } = await registerAppeal(ctx, owner, { draftId: randomUUID(), type: "complaint", text: "Шағым.", language: "kk", replyChannel: "chat" });
    await classifyAppeal(ctx, registrar, { appealId, category: "general", holderUserId: reviewer.userId });
    appealNumber = number;
  } finally {
    await database.close();
  }
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => cliOn(path.join(dir, "data"))(...args);

describe("staff on the command line", () => {
  it("lists active staff by unit, narrowed by role and unit, and refuses a wrong filter", async () => {
    const all = await cli("staff", "list");
    expect(all).toMatchObject({ code: 0, stderr: [] });
    expect(all.stdout).toEqual([
      "9404  registrar  document_flow  Гүлнар Әлиева",
      "9401  reviewer  appeals_review  Ерлан Жұмабеков",
      "9402  executor  personnel  Айгүл Серікова",
      "9403  reviewer  personnel  Дана Омарова",
    ]);
    expect((await cli("staff", "list", "--role", "reviewer", "--unit", "personnel")).stdout).toEqual(["9403  reviewer  personnel  Дана Омарова"]);
    expect((await cli("staff", "list", "--role", "head")).stdout).toEqual(["no active staff"]);
    expect(await cli("staff", "list", "--unit", "nowhere")).toMatchObject({ code: 1, stderr: ["staff list: There is no active unit «nowhere»"] });
    expect((await cli("staff", "list", "--role", "boss")).code).toBe(2);
  }, 120_000);

  it("ends a person's access by Telegram id, hands their open appeal back to the queue, and refuses it twice", async () => {
    const done = await cli("staff", "deactivate", "--telegram", "9401");
    expect(done).toMatchObject({ code: 0, stdout: ["9401 (Ерлан Жұмабеков): access ended; their staff buttons and commands now say so", `returned to the queue, the registrars told: ${appealNumber}`] });
    expect(await cli("staff", "deactivate", "--telegram", "9401")).toMatchObject({ code: 1, stderr: ["staff deactivate: This member of staff's access has already been ended"] });
    expect(await cli("staff", "deactivate", "--telegram", "9405")).toMatchObject({ code: 1, stderr: ["staff deactivate: There is no such member of staff"] });
    expect((await cli("staff", "deactivate", "--telegram", "0x24B9")).code).toBe(2);
    expect((await cli("staff", "deactivate")).code).toBe(2);
    expect((await cli("staff", "list", "--role", "reviewer")).stdout).toEqual(["9403  reviewer  personnel  Дана Омарова"]);

    const database = await openDatabase({ dataDir: dataDir() });
    try {
      const [person] = await database.db.select({ active: users.active }).from(users).where(eq(users.telegramId, 9401));
      const [appeal] = await database.db.select({ holder: appeals.holderUserId }).from(appeals).where(eq(appeals.number, appealNumber));
      expect(person).toEqual({ active: false });
      expect(appeal).toEqual({ holder: null });
    } finally {
      await database.close();
    }
  }, 120_000);
});
