import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startApp } from "../../bot/app.js";
import { loadConfig } from "../../core/config.js";
import { claimDeploymentMode, ModeMismatchError } from "../../core/system/deployment-mode.js";
import { users } from "../../db/schema/index.js";
import { startSandbox } from "../../sandbox/start.js";
import { openTestDatabase, type TestDatabase } from "../support/db.js";

/**
 * A database remembers the mode it was first started in, so a forgotten token cannot seed the
 * sandbox's made-up staff into production, nor production serve a database full of them.
 */
const log = pino({ level: "silent" });
let db: TestDatabase;
let dataDir: string;

beforeEach(async () => {
  db = await openTestDatabase();
  dataDir = await mkdtemp(path.join(os.tmpdir(), "otinish-modes-"));
});
afterEach(async () => {
  await db.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

const sandboxConfig = () => loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", SCHEDULER: "off" });
const productionConfig = () =>
  // The refusal comes before the bot talks to any Bot API, so this address is never called.
  loadConfig({ BOT_TOKEN: "200000002:refused-before-any-call-to-telegram", BOT_API_ROOT: "http://127.0.0.1:9", OPERATOR_BIN: "040840300024", PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", SCHEDULER: "off" });

async function demoPeople(): Promise<number> {
  const [row] = await db.database.db.select({ n: count() }).from(users).where(eq(users.demo, true));
  return row?.n ?? 0;
}

describe("the mode a database was first started in", () => {
  it("keeps the sandbox off a production database: refused, and not one demo person written", async () => {
    await claimDeploymentMode(db.database.db, "production", new Date("2026-03-02T09:00:00+05:00"));
    const started = startSandbox({ config: sandboxConfig(), log, database: db.database });
    await expect(started).rejects.toThrow(ModeMismatchError);
    await expect(started).rejects.toThrow(/has run production since 2026-03-02: the sandbox refuses to seed demo people/);
    expect(await demoPeople()).toBe(0);
  });

  it("keeps production off the sandbox's database, whose demo staff have real roles", async () => {
    const sandbox = await startSandbox({ config: sandboxConfig(), log, database: db.database });
    await sandbox.stop();
    expect(await demoPeople()).toBeGreaterThan(0);
    await expect(startApp({ config: productionConfig(), log, database: db.database })).rejects.toThrow(/held the sandbox's demo data since .*production refuses it/);
  });

  it("lets each mode start again on its own database", async () => {
    await claimDeploymentMode(db.database.db, "production", new Date());
    await expect(claimDeploymentMode(db.database.db, "production", new Date())).resolves.toBeUndefined();
    const sandboxDb = await openTestDatabase();
    try {
      const first = await startSandbox({ config: sandboxConfig(), log, database: sandboxDb.database });
      await first.stop();
      const second = await startSandbox({ config: sandboxConfig(), log, database: sandboxDb.database });
      await second.stop();
    } finally {
      await sandboxDb.dispose();
    }
  });
});
