import { Hono } from "hono";
import { calendarGap } from "../core/calendar/calendar-gap.js";
import type { Clock } from "../core/shared/clock.js";
import type { Database } from "../db/client.js";
import type { AppMetrics } from "./metrics/metrics.js";
import { within } from "./time-limit.js";

/** A readiness probe gets its answer within this, even while the database hangs. */
const READY_DB_MS = 1000;

export interface OpsRouteOptions {
  database: Database;
  clock: Clock;
  metrics: AppMetrics;
  /** The bot has started and takes updates. */
  isReady(): boolean;
}

/**
 * What an operator's probes and scraper read: `/healthz` (the process lives), `/readyz` (the
 * database answers and the bot runs; 503 otherwise) and `/metrics` (Prometheus text). `/readyz`'s
 * `calendar` warns while a year that deadlines need is not loaded: a warning, so still 200.
 */
export function opsRoutes(options: OpsRouteOptions): Hono {
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.get("/readyz", async (c) => {
    const [database, calendar] = await Promise.all([
      within(options.database.db.execute("select 1").then(() => true), READY_DB_MS, false),
      within(calendarGap(options.database.db, options.clock.now()).then((gap) => gap?.which ?? "ok"), READY_DB_MS, "unknown"),
    ]);
    const bot = options.isReady();
    return c.json({ ok: bot && database, database, bot, calendar }, bot && database ? 200 : 503);
  });
  app.get("/metrics", async (c) => {
    const { contentType, body } = await options.metrics.scrape();
    return c.body(body, 200, { "content-type": contentType });
  });
  return app;
}
