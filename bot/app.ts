import type { AddressInfo } from "node:net";
import path from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import type { Api, Composer } from "grammy";
import { Hono, type Context } from "hono";
import type { Logger } from "pino";
import type { Config } from "../core/config.js";
import { outboxBacklog } from "../core/outbox/backlog.js";
import { grantConfiguredAdmins } from "../core/people/users.js";
import { diskFileStore } from "../core/files/file-store.js";
import { systemClock, type Clock } from "../core/shared/clock.js";
import type { Ctx } from "../core/shared/context.js";
import { openDatabase, type Database } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import { claimDeploymentMode } from "../core/system/deployment-mode.js";
import type { BotContext } from "./context.js";
import { publishCommands } from "./commands.js";
import { createBot } from "./create-bot.js";
import { startOutboxLeader } from "./delivery/outbox-leader.js";
import { startOutboxWorker } from "./delivery/outbox-worker.js";
import { paceReplies } from "./delivery/reply-api.js";
import { botSendBudget } from "./delivery/wide-pace.js";
import { logHttpErrors } from "./http-errors.js";
import { ALLOWED_UPDATES } from "./inbox/polling.js";
import { startUpdateInbox, type UpdateInbox } from "./inbox/update-inbox.js";
import { databaseGauges } from "./metrics/database-gauges.js";
import { createMetrics } from "./metrics/metrics.js";
import { opsRoutes } from "./ops-routes.js";
import { scheduledJobs } from "./scheduled-jobs.js";
import { startScheduler } from "./scheduler.js";

export const WEBHOOK_PATH = "/telegram/webhook";

export interface AppOptions {
  config: Config;
  log: Logger;
  clock?: Clock;
  /** An already open database (tests share one across restarts). */
  database?: Database;
  /** Features that exist only in some setups (the sandbox's demo staff commands), before the rest. */
  extraFeatures?: Composer<BotContext>[];
  /** A Bot API served by this process instead of Telegram's (the sandbox's emulator). */
  localApi?: LocalApi;
  /** Called once the HTTP server listens, before the bot starts (the sandbox prints its address). */
  onListening?: (port: number) => void;
}

/** What the sandbox brings: its emulator's routes and token, and the demo data it seeds. */
export interface LocalApi {
  token: string;
  routes: Hono;
  /** Runs once the database is migrated and claimed, before the bot starts. */
  prepare(core: Ctx): Promise<void>;
  /** Runs once the bot can call its API (per-person command menus). */
  started(api: Api): Promise<void>;
}

export interface RunningApp {
  url: string;
  port: number;
  database: Database;
  core: Ctx;
  /** Finishes the updates in hand (within a lease), then closes the server and, if it opened it, the database. */
  stop(): Promise<void>;
}

export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config, log } = options;
  const ownsDatabase = !options.database;
  const database =
    options.database ??
    (await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, "pglite"), prepare: config.databasePrepare, poolMax: config.databasePoolMax }));
  const clock = options.clock ?? systemClock;
  const sandbox = config.mode === "sandbox";
  try {
    await migrate(database);
    await claimDeploymentMode(database.db, sandbox ? "sandbox" : "production", clock.now());
  } catch (error) {
    if (ownsDatabase) await database.close();
    throw error;
  }
  const core: Ctx = { db: database.db, clock, log, files: diskFileStore(config.filesDir), demo: sandbox };
  await grantConfiguredAdmins(core, config.adminTelegramIds);
  const { localApi } = options;
  await localApi?.prepare(core);

  let ready = false;
  const metrics = createMetrics({ statements: config.statementMetrics });
  databaseGauges(metrics, core, database);
  const app = new Hono();
  app.onError(logHttpErrors(log));
  app.route("/", opsRoutes({ database, clock, metrics, isReady: () => ready, backlog: () => outboxBacklog(core) }));

  const token = localApi?.token ?? config.botToken;
  if (!token) throw new Error("no BOT_TOKEN: the sandbox starts through sandbox/start.ts, which serves its own Bot API");
  if (localApi) app.route("/", localApi.routes);

  // Routes must exist before the first request, so the webhook route is there from the start.
  let handleWebhook: ((c: Context) => Promise<Response>) | undefined;
  app.post(WEBHOOK_PATH, (c) => (handleWebhook ? handleWebhook(c) : c.json({ ok: false }, 503)));
  const server = await listen(app, config);
  const port = (server.address() as AddressInfo).port;
  options.onListening?.(port);
  const apiRoot = localApi ? `http://127.0.0.1:${port}` : config.botApiRoot;
  const budget = botSendBudget(database, config.delivery, log);
  const bot = createBot({
    token,
    apiRoot,
    deps: { core, operatorBin: config.operatorBin, apiRoot, token },
    floodLimit: config.floodLimit,
    metrics,
    extraFeatures: options.extraFeatures ?? [],
  });
  paceReplies(bot.api, budget);
  bot.catch((error) => log.error({ err: error.error, update: error.ctx.update.update_id }, "update failed"));
  await bot.init();
  await publishCommands(bot.api);
  await localApi?.started(bot.api);

  // Updates go to the inbox first and are handled from there (README: "The update inbox").
  const inboxOptions = { leaseSeconds: config.inbox.leaseSeconds, retrySeconds: config.inbox.retrySeconds, onOutcome: metrics.countInbox };
  let inbox: UpdateInbox;
  if (config.mode === "webhook") {
    inbox = startUpdateInbox(bot, core, { ...inboxOptions, transport: { webhookSecret: config.webhookSecret! } });
    handleWebhook = inbox.webhook;
    await bot.api.setWebhook(config.webhookUrl!, {
      secret_token: config.webhookSecret,
      allowed_updates: [...ALLOWED_UPDATES],
      drop_pending_updates: false,
    });
  } else {
    await bot.api.deleteWebhook();
    inbox = startUpdateInbox(bot, core, { ...inboxOptions, transport: "polling" });
  }
  const sender = startOutboxLeader(database, log, () =>
    startOutboxWorker(core, { token, apiRoot, timeoutSeconds: config.delivery.timeoutSeconds }, {
      pace: config.delivery,
      leaseSeconds: config.delivery.leaseSeconds,
      giveUpHours: config.delivery.giveUpHours,
      budget,
      onSend: metrics.countSend,
    }),
  );
  const scheduler = config.scheduler ? startScheduler(core, scheduledJobs(config), metrics.countJob) : undefined;
  ready = true;
  log.info({ mode: config.mode, port, database: database.kind }, "otinish is up");

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    database,
    core,
    async stop() {
      ready = false;
      await inbox.stop();
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
