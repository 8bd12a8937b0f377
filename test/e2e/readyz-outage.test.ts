import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../bot/app.js";
import { ManualClock } from "../../core/shared/clock.js";
import { createSandbox, type Sandbox } from "../../sandbox/emulator/index.js";
import { openTestDatabase, type TestDatabase } from "../support/db.js";
import { productionConfig } from "../support/harness.js";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.js";

/**
 * A load balancer's readiness probe must get an answer while the database is away, not hang
 * until its own timeout: PostgreSQL only, as PGlite lives inside the process.
 */
const onPostgres = process.env.OTINISH_TEST_DB === "postgres";

let db: TestDatabase;
let proxy: TcpProxy;
let app: RunningApp;
let dataDir: string;
let sandbox: Sandbox;
let telegram: ServerType;
const TOKEN = "200000007:readyz-test-token-for-the-emulator";

beforeAll(async () => {
  if (!onPostgres) return;
  db = await openTestDatabase();
  const target = new URL(db.url!);
  proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  target.host = `127.0.0.1:${proxy.port}`;
  dataDir = await mkdtemp(path.join(tmpdir(), "otinish-readyz-"));
  sandbox = createSandbox({ token: TOKEN, bot: { id: 200000007, username: "otinish_readyz_bot", first_name: "Otinish" }, demoUsers: [] });
  telegram = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: sandbox.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const apiRoot = `http://127.0.0.1:${(telegram.address() as AddressInfo).port}`;
  const config = productionConfig({ token: TOKEN, apiRoot, databaseUrl: target.toString(), dataDir }, { LOG_LEVEL: "silent" });
  // A day whose calendar is loaded, so the warning field reads "ok" whatever today is.
  app = await startApp({ config, log: pino({ level: "silent" }), clock: new ManualClock("2026-03-02T09:00:00+05:00") });
});

afterAll(async () => {
  if (!onPostgres) return;
  proxy.resume();
  await app.stop();
  await proxy.close();
  await new Promise<void>((resolve) => telegram.close(() => resolve()));
  await db.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

const readyz = async () => {
  const response = await fetch(`${app.url}/readyz`);
  return { status: response.status, body: (await response.json()) as unknown };
};

describe.skipIf(!onPostgres)("/readyz while PostgreSQL is away", () => {
  it("answers 200 while the database answers", async () => {
    expect(await readyz()).toEqual({ status: 200, body: { ok: true, status: "ready", database: true, bot: true, calendar: "ok" } });
  });

  // With no time limit of its own, the check would wait for the driver's 30 s connect timeout.
  it("answers 503 when the database stops answering", { timeout: 10_000 }, async () => {
    proxy.stall();
    expect(await readyz()).toEqual({ status: 503, body: { ok: false, status: "unavailable", database: false, bot: true, calendar: "unknown" } });
    expect(await readyz()).toEqual({ status: 503, body: { ok: false, status: "unavailable", database: false, bot: true, calendar: "unknown" } });
  });

  it("is ready again once the database is back", async () => {
    proxy.resume();
    await expect.poll(async () => (await readyz()).status, { timeout: 15_000, interval: 200 }).toBe(200);
  });
});
