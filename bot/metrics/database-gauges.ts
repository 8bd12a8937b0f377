import { Counter, Gauge } from "prom-client";
import { outboxBacklog, type OutboxBacklog } from "../../core/outbox/backlog.js";
import type { Ctx } from "../../core/shared/context.js";
import type { Database } from "../../db/client.js";
import { statementsSent } from "../../db/statement-tally.js";
import { within } from "../time-limit.js";
import type { AppMetrics } from "./metrics.js";

/** A scrape does not wait longer than this on the database; the figures are then NaN (unknown). */
const SCRAPE_QUERY_MS = 500;

/** Gauges read at scrape time: the outbox's backlog from its table, the connections in use from the client. */
export function databaseGauges(metrics: AppMetrics, core: Ctx, database: Database): void {
  const registers = [metrics.registry];
  // Registered first: gauges are collected in this order, so the connections are counted before the
  // scrape's own outbox statement takes one.
  new Gauge({
    name: "otinish_db_pool_in_use",
    help: "Database connections taken by statements, transactions or reservations (PGlite: 0 or 1)",
    registers,
    collect() {
      this.set(database.pool().inUse);
    },
  });
  new Gauge({
    name: "otinish_db_pool_size",
    help: "Database connections this instance may open (DATABASE_POOL_MAX; PGlite: 1)",
    registers,
    collect() {
      this.set(database.pool().size);
    },
  });
  // The driver wrappers count every statement as it leaves; a scrape adds what went since the last one.
  let counted = 0;
  new Counter({
    name: "otinish_db_statements_total",
    help: "Statements this instance sent to the database (a transaction's BEGIN and COMMIT included)",
    registers,
    collect() {
      const sent = statementsSent();
      this.inc(sent - counted);
      counted = sent;
    },
  });
  // One statement per scrape for the outbox gauges, and none piled up behind a slow one.
  let reading: Promise<OutboxBacklog> | undefined;
  const backlog = () => {
    reading ??= outboxBacklog(core).finally(() => (reading = undefined));
    return within(reading, SCRAPE_QUERY_MS, undefined);
  };
  new Gauge({
    name: "otinish_outbox_queue_depth",
    help: "Outbox messages waiting or being sent (NaN: the database did not answer in time)",
    registers,
    async collect() {
      this.set((await backlog())?.depth ?? NaN);
    },
  });
  new Gauge({
    name: "otinish_outbox_oldest_due_seconds",
    help: "How long the oldest undelivered outbox message has waited since it was due, its retries included (NaN: the database did not answer in time)",
    registers,
    async collect() {
      this.set((await backlog())?.oldestDueSeconds ?? NaN);
    },
  });
  new Gauge({
    name: "otinish_outbox_given_up",
    help: "Outbox messages given up in the last 24 hours and not sent again (NaN: the database did not answer in time)",
    registers,
    async collect() {
      this.set((await backlog())?.givenUpRecently ?? NaN);
    },
  });
}
