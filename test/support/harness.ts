import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { pino, type Logger } from "pino";
import { startApp, type RunningApp } from "../../bot/app.js";
import { demoStaffCommands } from "../../sandbox/demo/staff-commands.js";
import { createSandbox, type DemoUser, type Sandbox } from "../../sandbox/emulator/index.js";
import { loadConfig, type Config } from "../../core/config.js";
import { ManualClock } from "../../core/shared/clock.js";
import { openDatabase } from "../../db/client.js";
import { openTestDatabase, type TestDatabase } from "./db.js";
import { undecodableButtons } from "./buttons-sent.js";
import { SandboxUser } from "./sandbox-user.js";

const TOKEN = "200000002:e2e-token-for-the-local-emulator";
export const OPERATOR_BIN = "040840300024";

/** Production mode, as an operator runs it, against the emulator at `apiRoot` and the database at `databaseUrl`. */
export function productionConfig(at: { token: string; apiRoot: string; databaseUrl: string; dataDir: string }, env: Record<string, string> = {}): Config {
  return loadConfig({
    BOT_TOKEN: at.token,
    BOT_API_ROOT: at.apiRoot,
    OPERATOR_BIN,
    DATABASE_URL: at.databaseUrl,
    DATA_DIR: at.dataDir,
    PORT: "0",
    HOST: "127.0.0.1",
    SCHEDULER: "off",
    ...env,
  });
}

export interface Harness {
  emulatorUrl: string;
  sandbox: Sandbox;
  clock: ManualClock;
  db: TestDatabase;
  filesDir: string;
  /** The configuration every instance of the bot here starts with. */
  config: Config;
  app(): RunningApp;
  /**
   * Starts one more instance of the bot on the same database (its own connections) and emulator,
   * as a second server would run; PostgreSQL only. Stopped by `dispose`.
   */
  startInstance(): Promise<RunningApp>;
  /** A person in the emulator, with the given Telegram language. */
  user(id: number, languageCode?: string): SandboxUser;
  /** Stops the bot as a deploy would and starts a new one on the same database and emulator. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * The real bot in production's long-polling mode, talking to the Bot API emulator over HTTP,
 * on a fresh test database: end-to-end tests act only as Telegram users would.
 */
export const WEBHOOK_SECRET = "e2e-webhook-secret-0123456789";

/** `floodLimit: 0` for tests that press many buttons in a row on purpose, as no person would; `env` for a second instance's settings. */
/** `log` for tests that watch what the bot logs; `durable: false` for commits that do not wait for the disk (see openTestDatabase). */
export async function startHarness(
  users: DemoUser[],
  options: { webhook?: boolean; floodLimit?: number; env?: Record<string, string>; log?: Logger; durable?: boolean } = {},
): Promise<Harness> {
  const db = await openTestDatabase({ durable: options.durable });
  const sandbox = createSandbox({ token: TOKEN, bot: { id: 200000002, username: "otinish_test_bot", first_name: "Otinish" }, demoUsers: users });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: sandbox.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const emulatorUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clock = new ManualClock("2026-03-02T09:00:00+05:00");
  const filesDir = await mkdtemp(path.join(tmpdir(), "otinish-files-"));
  const config = loadConfig({
    BOT_TOKEN: TOKEN,
    BOT_API_ROOT: emulatorUrl,
    OPERATOR_BIN,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    FILES_DIR: filesDir,
    // Tests move the clock and run the jobs they check themselves.
    SCHEDULER: "off",
    ...(options.floodLimit !== undefined && { FLOOD_LIMIT: String(options.floodLimit) }),
    ...(options.webhook && { WEBHOOK_URL: "https://otinish.example.kz/telegram/webhook", WEBHOOK_SECRET }),
    ...options.env,
  });
  const start = (database = db.database) =>
    startApp({ config, log: options.log ?? pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }), clock, database, extraFeatures: [demoStaffCommands] });
  let app = await start();
  const others: RunningApp[] = [];
  return {
    emulatorUrl,
    sandbox,
    clock,
    db,
    filesDir,
    config,
    app: () => app,
    async startInstance() {
      if (!db.url) throw new Error("a second instance needs PostgreSQL: PGlite belongs to one process");
      const other = await start(await openDatabase({ url: db.url, poolMax: 10 }));
      others.push(other);
      return other;
    },
    user: (id) => new SandboxUser(emulatorUrl, id),
    async restart() {
      await app.stop();
      app = await start();
    },
    async dispose() {
      for (const other of others) {
        await other.stop();
        await other.database.close();
      }
      await app.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.dispose();
      await rm(filesDir, { recursive: true, force: true });
      // Every journey is also a check that each button the bot drew decodes to a declared action.
      const undecodable = undecodableButtons(sandbox.state.buttonData);
      if (undecodable.length > 0) throw new Error(`buttons no declared action decodes: ${undecodable.join(", ")}`);
    },
  };
}

export function citizen(id: number, language_code: string, first_name = "Test"): DemoUser {
  return { id, first_name, language_code, demoRole: "citizen" };
}
