import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../core/config.js";
import { claimDeploymentMode } from "../../core/system/deployment-mode.js";
import { openDatabase } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import { startSandbox } from "../../sandbox/start.js";
import { runApp, SLOW } from "../support/app-process.js";

/** `npm start` as an operator runs it: a child process whose refusals are one line and a failing exit code. */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "otinish-startup-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const start = (env: Record<string, string>) => runApp("bot/main.ts", [], { PORT: "0", LOG_LEVEL: "silent", ...env });

describe("start-up", () => {
  it("refuses a database server without a token, in one line that says what to set", async () => {
    const run = await start({ DATABASE_URL: "postgres://otinish@127.0.0.1:9/otinish", DATA_DIR: path.join(dir, "unused") });
    expect(run.code).toBe(1);
    expect(run.stderr).toHaveLength(1);
    expect(run.stderr[0]).toMatch(/^Configuration error: BOT_TOKEN: expected a value when DATABASE_URL is set .*SANDBOX=1/);
  }, SLOW);

  it("refuses to play the sandbox on a database production has claimed, in one line", async () => {
    const dataDir = path.join(dir, "production");
    const database = await openDatabase({ dataDir: path.join(dataDir, "pglite") });
    await migrate(database);
    await claimDeploymentMode(database.db, "production", new Date("2026-11-30T10:00:00+05:00"));
    await database.close();
    const run = await start({ DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    expect(run.stderr).toEqual([expect.stringMatching(/^Start-up refused: this database has run production since 2026-11-30: the sandbox refuses/)]);
  }, SLOW);

  it("serves the sandbox, where anyone may act as anyone, to this machine only", async () => {
    const outside = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && a.family === "IPv4" && !a.internal)?.address;
    const app = await startSandbox({ config: loadConfig({ PORT: "0", DATA_DIR: path.join(dir, "sandbox"), LOG_LEVEL: "silent", SCHEDULER: "off" }), log: pino({ level: "silent" }) });
    try {
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
      // Another address of this machine stands in for the network: nothing answers there.
      if (outside) await expect(fetch(`http://${outside}:${app.port}/healthz`)).rejects.toThrow();
    } finally {
      await app.stop();
    }
  }, SLOW);
});
