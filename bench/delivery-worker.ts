import { pino } from "pino";
import { startOutboxLeader } from "../bot/delivery/outbox-leader.js";
import { startOutboxWorker } from "../bot/delivery/outbox-worker.js";
import { botSendBudget } from "../bot/delivery/wide-pace.js";
import { loadConfig } from "../core/config.js";
import { diskFileStore } from "../core/files/file-store.js";
import { systemClock } from "../core/shared/clock.js";
import { openDatabase } from "../db/client.js";

/**
 * The delivery worker alone, as a process of its own, configured from the environment like the
 * app (behind the leader lock, in the bot's send budget): the delivery benchmark starts it, kills
 * it with SIGKILL and starts it again. SIGTERM stops it gracefully.
 */
const config = loadConfig(process.env);
const log = pino({ level: config.logLevel });
const database = await openDatabase({ url: config.databaseUrl, poolMax: config.databasePoolMax });
const core = { db: database.db, clock: systemClock, log, files: diskFileStore(config.filesDir) };
const budget = botSendBudget(database, config.delivery, log);
const worker = startOutboxLeader(database, log, () =>
  startOutboxWorker(core, { token: config.botToken!, apiRoot: config.botApiRoot, timeoutSeconds: config.delivery.timeoutSeconds }, {
    pace: config.delivery,
    leaseSeconds: config.delivery.leaseSeconds,
    giveUpHours: config.delivery.giveUpHours,
    budget,
  }),
);
process.send?.("started");
process.once("SIGTERM", () => {
  void worker
    .stop()
    .then(() => database.close())
    .then(() => process.exit(0));
});
