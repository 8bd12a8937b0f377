import type { AddressInfo } from "node:net";
import path from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { run, type RunnerHandle } from "@grammyjs/runner";
import { webhookCallback } from "grammy";
import { Hono, type Context } from "hono";
import type { Logger } from "pino";
import type { Config } from "../core/config.js";
import { assignRoles, grantConfiguredAdmins, guessLanguage } from "../core/people/users.js";
import { diskFileStore } from "../core/files/file-store.js";
import { systemClock, type Clock } from "../core/shared/clock.js";
import type { Ctx } from "../core/shared/context.js";
import { openDatabase, type Database } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import { publishCommands, publishStaffCommands } from "./commands.js";
import { createBot } from "./create-bot.js";
import { startOutboxWorker } from "./delivery/outbox-worker.js";
import { demoStaffCommands } from "./features/staff/demo-commands.js";
import { logHttpErrors } from "./http-errors.js";
import { databaseGauges } from "./metrics/database-gauges.js";
import { createMetrics } from "./metrics/metrics.js";
import { opsRoutes } from "./ops-routes.js";
import { seedDemoOfficials } from "./sandbox/demo-officials.js";
import { seedDemoUnits } from "./sandbox/demo-units.js";
import { DEMO_USERS } from "./sandbox/demo-users.js";
import { createSandbox } from "./sandbox/index.js";
import { scheduledJobs } from "./scheduled-jobs.js";
import { startScheduler } from "./scheduler.js";

/** The bot identity the sandbox plays; its token only opens the local emulator. */
const SANDBOX_TOKEN = "100000001:sandbox-token-not-valid-on-telegram";
const SANDBOX_BOT = { id: 100000001, first_name: "Otinish (demo)", username: "otinish_demo_bot" };

export const WEBHOOK_PATH = "/telegram/webhook";

export interface AppOptions {
  config: Config;
  log: Logger;
  clock?: Clock;
  /** An already open database (tests share one across restarts). */
  database?: Database;
  /** The demo staff commands; on by default only in the sandbox. */
  demoCommands?: boolean;
  /** Called once the HTTP server listens, before the bot starts (the sandbox prints its address). */
  onListening?: (port: number) => void;
}

export interface RunningApp {
  url: string;
  port: number;
  database: Database;
  core: Ctx;
  /** Finishes the updates in hand, then closes the server and, if it opened it, the database. */
  stop(): Promise<void>;
}

export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config, log } = options;
  const ownsDatabase = !options.database;
  const database =
    options.database ??
    (await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, "pglite"), poolMax: config.databasePoolMax }));
  await migrate(database);
  const core: Ctx = { db: database.db, clock: options.clock ?? systemClock, log, files: diskFileStore(config.filesDir) };
  await grantConfiguredAdmins(core, config.adminTelegramIds);
  if (config.mode === "sandbox") {
    const demoUnitId = await seedDemoUnits(core);
    await assignRoles(
      core,
      DEMO_USERS.map((u) => ({ telegramId: u.id, role: u.demoRole, fullName: [u.first_name, u.last_name].filter(Boolean).join(" "), unitId: u.demoRole === "executor" ? demoUnitId : null })),
    );
    await seedDemoOfficials(core);
  }

  let ready = false;
  const metrics = createMetrics();
  databaseGauges(metrics, core, database);
  const app = new Hono();
  app.onError(logHttpErrors(log));
  app.route("/", opsRoutes({ database, metrics, isReady: () => ready }));

  const sandbox = config.mode === "sandbox";
  const token = sandbox ? SANDBOX_TOKEN : config.botToken!;
  if (sandbox) app.route("/", createSandbox({ token, bot: SANDBOX_BOT, demoUsers: DEMO_USERS }).app);

  // Routes must exist before the first request, so the webhook route is there from the start.
  let handleWebhook: ((c: Context) => Promise<Response>) | undefined;
  app.post(WEBHOOK_PATH, (c) => (handleWebhook ? handleWebhook(c) : c.json({ ok: false }, 503)));
  const server = await listen(app, config);
  const port = (server.address() as AddressInfo).port;
  options.onListening?.(port);
  const apiRoot = sandbox ? `http://127.0.0.1:${port}` : config.botApiRoot;
  const bot = createBot({
    token,
    apiRoot,
    deps: { core, operatorBin: config.operatorBin, apiRoot, token },
    floodLimit: config.floodLimit,
    metrics,
    // Plain staff commands let a tester move a demo appeal through its states; the policy still applies.
    extraFeatures: (options.demoCommands ?? sandbox) ? [demoStaffCommands] : [],
  });
  bot.catch((error) => log.error({ err: error.error, update: error.ctx.update.update_id }, "update failed"));
  await bot.init();
  await publishCommands(bot.api);
  if (sandbox) {
    for (const u of DEMO_USERS) if (u.demoRole !== "citizen") await publishStaffCommands(bot.api, u.id, guessLanguage(u.language_code), u.demoRole);
  }

  let runner: RunnerHandle | undefined;
  if (config.mode === "webhook") {
    handleWebhook = webhookCallback(bot, "hono", { secretToken: config.webhookSecret });
    await bot.api.setWebhook(config.webhookUrl!, { secret_token: config.webhookSecret, drop_pending_updates: false });
  } else {
    await bot.api.deleteWebhook();
    runner = run(bot, { runner: { fetch: { allowed_updates: ["message", "callback_query"] } } });
  }
  const sender = startOutboxWorker(core, { token, apiRoot, timeoutSeconds: config.delivery.timeoutSeconds }, {
    pace: config.delivery,
    leaseSeconds: config.delivery.leaseSeconds,
    onSend: metrics.countSend,
  });
  const scheduler = config.scheduler ? startScheduler(core, scheduledJobs, metrics.countJob) : undefined;
  ready = true;
  log.info({ mode: config.mode, port, database: database.kind }, "otinish is up");

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    database,
    core,
    async stop() {
      ready = false;
      if (runner?.isRunning()) await runner.stop();
      await scheduler?.stop();
      await sender.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownsDatabase) await database.close();
    },
  };
}

function listen(app: Hono, config: Config): Promise<ServerType> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(server));
  });
}
