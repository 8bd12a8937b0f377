import { Hono } from "hono";
import { calendarGap } from "../core/calendar/calendar-gap.js";
import type { Clock } from "../core/shared/clock.js";
import { deliveryProblems, type OutboxBacklog } from "../core/outbox/backlog.js";
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
  /** The outbox's backlog, for whether delivery is degraded. */
  backlog(): Promise<OutboxBacklog>;
}

/**
/**
 * What an operator's probes and scraper read: `/healthz` (the process lives), `/readyz` and
 * `/metrics` (Prometheus text). `/readyz` is 503 only when this instance cannot serve (the
 * database does not answer, the bot is not running), so a load balancer takes it out. Delivery
 * stuck or messages given up is a matter for people, not for the balancer: restarting a healthy
 * instance because Telegram is down would help nobody, so it stays 200 with `status: "degraded"`
 * and the reasons, for monitoring to read. Its `calendar` warns while a year that deadlines need
 * is not loaded: a warning too, so still 200.
 */
export function opsRoutes(options: OpsRouteOptions): Hono {
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.get("/readyz", async (c) => {
    const [database, backlog, calendar] = await Promise.all([
      within(options.database.db.execute("select 1").then(() => true), READY_DB_MS, false),
      within(options.backlog(), READY_DB_MS, undefined),
      within(calendarGap(options.database.db, options.clock.now()).then((gap) => gap?.which ?? "ok"), READY_DB_MS, "unknown"),
    ]);
    const bot = options.isReady();
    if (!bot || !database) return c.json({ ok: false, status: "unavailable", database, bot, calendar }, 503);
    const reasons = backlog ? deliveryProblems(backlog) : [];
    if (reasons.length === 0) return c.json({ ok: true, status: "ready", database, bot, calendar });
    const outbox = { oldestDueSeconds: Math.round(backlog!.oldestDueSeconds), givenUpRecently: backlog!.givenUpRecently };
    return c.json({ ok: true, status: "degraded", database, bot, calendar, reasons, outbox });
  });
  app.get("/metrics", async (c) => {
    const { contentType, body } = await options.metrics.scrape();
    return c.body(body, 200, { "content-type": contentType });
  });
  return app;
}
