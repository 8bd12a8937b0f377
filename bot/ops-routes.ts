import { Hono } from "hono";
import type { Database } from "../db/client.js";
import type { AppMetrics } from "./metrics/metrics.js";
import { within } from "./time-limit.js";

/** A readiness probe gets its answer within this, even while the database hangs. */
const READY_DB_MS = 1000;

export interface OpsRouteOptions {
  database: Database;
  metrics: AppMetrics;
  /** The bot has started and takes updates. */
  isReady(): boolean;
}

/**
 * What an operator's probes and scraper read: `/healthz` (the process lives), `/readyz` (the
 * database answers and the bot runs; 503 otherwise) and `/metrics` (Prometheus text).
 */
export function opsRoutes(options: OpsRouteOptions): Hono {
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.get("/readyz", async (c) => {
    const database = await within(options.database.db.execute("select 1").then(() => true), READY_DB_MS, false);
    const bot = options.isReady();
    return c.json({ ok: bot && database, database, bot }, bot && database ? 200 : 503);
  });
  app.get("/metrics", async (c) => {
    const { contentType, body } = await options.metrics.scrape();
    return c.body(body, 200, { "content-type": contentType });
  });
  return app;
}
