import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAppeal } from "../../core/appeals/register.js";
import { openDatabase } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import { cliOn } from "../support/app-process.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";

/** `npm run cli -- group …` as an operator runs it for a registrar, on a PGlite of its own. */
let dir: string;
const numbers: string[] = [];
const REGISTRAR = "9501";
const REVIEWER = "9502";

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "otinish-group-cli-"));
  const database = await openDatabase({ dataDir: path.join(dir, "data", "pglite") });
  try {
    await migrate(database);
    const ctx = testCtx(database);
    await staffMember(ctx, Number(REGISTRAR), "registrar");
    await staffMember(ctx, Number(REVIEWER), "reviewer");
    for (const telegramId of [9511, 9512]) {
      const owner = await signedUpCitizen(ctx, telegramId);
      numbers.push((await registerAppeal(ctx, owner, { draftId: randomUUID(), type: "complaint", text: "Сот ғимаратында пандус жоқ.", language: "kk", replyChannel: "chat" })).number);
    }
  } finally {
    await database.close();
  }
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => cliOn(path.join(dir, "data"))(...args);

describe("mass appeals on the command line", () => {
  it("groups appeals for a registrar, shows the group with its lead and takes one out", async () => {
    const [first, second] = numbers as [string, string];
    expect(await cli("group", "create", "--as", REGISTRAR, "--title", "Пандус", first, second)).toEqual({
      code: 0,
      stdout: [`group 1 «Пандус»: lead ${first}, 2 appeals`, `added: ${first}, ${second}`],
      stderr: [],
    });
    expect((await cli("group", "show", "--as", REGISTRAR, second)).stdout).toEqual([`group 1 «Пандус»: lead ${first}, 2 appeals`, `${first}  registered  lead`, `${second}  registered`]);
    expect(await cli("group", "remove", "--as", REGISTRAR, second)).toMatchObject({ code: 0, stdout: [`${second} removed from group 1`] });
  });

  it("refuses a reviewer, an unknown number and a command line without the acting person", async () => {
    expect(await cli("group", "create", "--as", REVIEWER, numbers[1]!)).toEqual({ code: 1, stdout: [], stderr: ["group: You do not have access to this"] });
    expect((await cli("group", "create", "--as", REGISTRAR, "ЖТ-2026-999999")).stderr).toEqual(["group: No appeal has the number ЖТ-2026-999999. Check it and send it again"]);
    expect((await cli("group", "show", numbers[0]!)).code).toBe(2);
  });
});
