import { Counter, Histogram, Registry } from "prom-client";
import type { SendResult } from "../delivery/outbox-worker.js";
import type { InboxOutcome } from "../inbox/inbox-worker.js";
import { processRegistry } from "./process-metrics.js";

/**
 * What one running app counts, in a registry of its own: several apps in one process (the tests)
 * never share or clash over a metric. The gauges read at scrape time are added by
 * `databaseGauges`; the process's own figures (memory, CPU, event loop) come from one registry
 * shared by the whole process, merged in when scraped.
 */
export interface AppMetrics {
  registry: Registry;
  updates: Counter<"kind">;
  handlingSeconds: Histogram<"kind">;
  /**
   * Statements an update's handling sent to the database; only when asked for (STATEMENT_METRICS):
   * telling one update's statements from another's needs AsyncLocalStorage, whose promise hooks
   * cost Node 20 about a millisecond of CPU per update (a fifth of it).
   */
  statements?: Histogram<"kind">;
  /** For the outbox worker's `onSend`. */
  countSend(result: SendResult): void;
  /** For the update inbox's `onOutcome`. */
  countInbox(outcome: InboxOutcome): void;
  /** For the scheduler's run observer. */
  countJob(job: string, ok: boolean): void;
  /** The Prometheus text exposition of this app and the process. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

const SEND_RESULTS: SendResult[] = ["ok", "retried", "429", "unreachable", "failed"];
const INBOX_OUTCOMES: InboxOutcome[] = ["done", "retried", "failed"];

export function createMetrics(options: { statements?: boolean } = {}): AppMetrics {
  const registry = new Registry();
  const registers = [registry];
  const sends = new Counter({
    name: "otinish_outbox_sends_total",
    help: "Outbox messages by result: ok (delivered), retried (back in the queue), unreachable, failed; 429 counts each call Telegram asked to slow down",
    labelNames: ["result"] as const,
    registers,
  });
  // Every result is shown from the start, so a rate over it needs no first occurrence.
  for (const result of SEND_RESULTS) sends.inc({ result }, 0);
  const inboxOutcomes = new Counter({
    name: "otinish_inbox_updates_total",
    help: "Updates taken from the inbox, by outcome: done, retried (failed, tried again after a pause), failed (given up on)",
    labelNames: ["outcome"] as const,
    registers,
  });
  for (const outcome of INBOX_OUTCOMES) inboxOutcomes.inc({ outcome }, 0);
  const jobRuns = new Counter({ name: "otinish_scheduled_job_runs_total", help: "Scheduled job runs, by job", labelNames: ["job"] as const, registers });
  const jobFailures = new Counter({ name: "otinish_scheduled_job_failures_total", help: "Scheduled job runs that failed, by job", labelNames: ["job"] as const, registers });
  return {
    registry,
    updates: new Counter({ name: "otinish_updates_total", help: "Telegram updates handled, by kind", labelNames: ["kind"] as const, registers }),
    handlingSeconds: new Histogram({
      name: "otinish_update_handling_seconds",
      help: "From an update's handling starting (its chat's turn in the inbox came) to its handler finishing",
      labelNames: ["kind"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    statements: options.statements ? new Histogram({
      name: "otinish_update_statements",
      help: "Statements an update's handling sent to the database (a transaction's BEGIN and COMMIT included; the inbox's own bookkeeping not)",
      labelNames: ["kind"] as const,
      buckets: [1, 2, 3, 4, 6, 8, 12, 16, 24, 32],
      registers,
    }) : undefined,
    countSend: (result) => sends.inc({ result }),
    countInbox: (outcome) => inboxOutcomes.inc({ outcome }),
    countJob(job, ok) {
      jobRuns.inc({ job });
      // A failure counter shown at 0 for every job that ran, so an alert on its rate needs no first failure.
      jobFailures.inc({ job }, ok ? 0 : 1);
    },
    async scrape() {
      const merged = Registry.merge([processRegistry(), registry]);
      return { contentType: merged.contentType, body: await merged.metrics() };
    },
  };
}
