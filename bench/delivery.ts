import { fork, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { count, eq, sql, sum } from "drizzle-orm";
import { pino } from "pino";
import { startOutboxWorker } from "../bot/delivery/outbox-worker.js";
import { SendBudget } from "../bot/delivery/send-budget.js";
import { diskFileStore } from "../core/files/file-store.js";
import { systemClock } from "../core/shared/clock.js";
import type { Ctx } from "../core/shared/context.js";
import { openDatabase, type Database } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import { outbox } from "../db/schema/index.js";
import { openBenchDatabase } from "./bench-database.js";

/**
 * The outbox worker against the Bot API emulator with Telegram's limits switched on: MESSAGES
 * to CHATS private chats, the emulator refusing (429) and counting any send over CAP per second
 * or over one per second to a chat. Then, on PostgreSQL, the same with the worker as a child
 * process killed (SIGKILL) three times mid-run and started again: nothing may be lost, and a
 * message may arrive twice only where the worker had started a call it never heard back from.
 * PGlite cannot be shared between processes, so without DATABASE_URL the kill phase is skipped.
 */
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 5_000);
const CHATS = Number(process.env.BENCH_CHATS ?? 1_000);
const CAP = Number(process.env.BENCH_CAP ?? 200);
/** The worker's rate: under the cap by a margin for the network's jitter. */
const RATE = Math.floor(CAP * 0.96);
const KILLS = 3;
/** A killed worker's claims are taken again after this long. */
const LEASE_SECONDS = 5;
const TOKEN = "400000004:delivery-bench-token";
const CHAT_BASE = 8_000_000;
const INSERT_CHUNK = 1_000;

interface EmulatorReport {
  accepted: { count: number; firstAt: number; lastAt: number };
  overCap: { global: number; chat: number };
  /** Each chat's bot messages, by chat. */
  texts: string[][];
}

interface Emulator {
  apiRoot: string;
  report(): Promise<EmulatorReport>;
  close(): Promise<void>;
}

/** The emulator in a child process (see delivery-emulator.ts), with Telegram's limits on. */
async function startEmulator(): Promise<Emulator> {
  const child = fork(path.join(import.meta.dirname, "delivery-emulator.ts"), {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, EMULATOR_TOKEN: TOKEN, EMULATOR_CHAT_BASE: String(CHAT_BASE), EMULATOR_CHATS: String(CHATS), EMULATOR_CAP: String(CAP) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const { port } = await new Promise<{ port: number }>((resolve) => child.once("message", (m) => resolve(m as { port: number })));
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    report: () =>
      new Promise((resolve) => {
        child.once("message", (m) => resolve(m as EmulatorReport));
        child.send("report");
      }),
    close: async () => {
      child.kill("SIGTERM");
      await exited(child);
    },
  };
}

/** Message i goes to chat i mod CHATS, so each chat gets MESSAGES / CHATS of them, spread over the run. */
async function fillOutbox(database: Database, run: string): Promise<void> {
  const now = new Date();
  for (let from = 0; from < MESSAGES; from += INSERT_CHUNK) {
    const rows = Array.from({ length: Math.min(INSERT_CHUNK, MESSAGES - from) }, (_, k) => {
      const i = from + k;
      return {
        dedupeKey: `bench:${run}:${i}`,
        chatId: CHAT_BASE + (i % CHATS),
        language: "en",
        payload: { key: "staff.notice.draft_submitted", params: { number: `${run}-${i}` }, fileIds: [] },
        notBefore: now,
        dueAt: now,
        createdAt: now,
      };
    });
    await database.db.insert(outbox).values(rows);
  }
  // A table filled in one go has no statistics until autovacuum comes by; production's has.
  await database.db.execute(sql`analyze outbox`);
}

async function sentCount(database: Database): Promise<number> {
  const [row] = await database.db.select({ n: count() }).from(outbox).where(eq(outbox.status, "sent"));
  return row?.n ?? 0;
}

async function untilSent(database: Database, target: number): Promise<void> {
  while ((await sentCount(database)) < target) await sleep(100);
}

/** What arrived, read from the emulator's chats: markers missing, and copies beyond the first. */
function tally(report: EmulatorReport, run: string): { lost: number; doubled: number } {
  const seen = new Map<string, number>();
  for (const text of report.texts.flat()) {
    const marker = /appeal (\S+) awaits/.exec(text)?.[1];
    if (marker?.startsWith(`${run}-`)) seen.set(marker, (seen.get(marker) ?? 0) + 1);
  }
  let doubled = 0;
  for (const copies of seen.values()) doubled += copies - 1;
  return { lost: MESSAGES - seen.size, doubled };
}

async function steadyPhase(database: Database, core: Ctx) {
  const emulator = await startEmulator();
  await fillOutbox(database, "steady");
  const worker = startOutboxWorker(core, { token: TOKEN, apiRoot: emulator.apiRoot, timeoutSeconds: 10 }, {
    pace: { perSecond: RATE, chatPerSecond: 1, groupPerMinute: 20 },
    leaseSeconds: LEASE_SECONDS,
    giveUpHours: 72,
    budget: new SendBudget(CAP),
  });
  await untilSent(database, MESSAGES);
  await worker.stop();
  const report = await emulator.report();
  const { accepted, overCap } = report;
  const seconds = (accepted.lastAt - accepted.firstAt) / 1000;
  const result = {
    sends: accepted.count,
    seconds: Number(seconds.toFixed(2)),
    rate_per_s: Number(((accepted.count - 1) / seconds).toFixed(1)),
    over_cap: overCap.global + overCap.chat,
    over_chat_cap: overCap.chat,
    ...tally(report, "steady"),
  };
  await emulator.close();
  return result;
}

function startChild(url: string, apiRoot: string): Promise<ChildProcess> {
  const child = fork(path.join(import.meta.dirname, "delivery-worker.ts"), {
    execArgv: ["--import", "tsx"],
    env: {
      ...process.env,
      DATABASE_URL: url,
      BOT_TOKEN: TOKEN,
      BOT_API_ROOT: apiRoot,
      OPERATOR_BIN: "040840300024",
      SEND_RATE: String(CAP),
      OUTBOX_RATE: String(RATE),
      OUTBOX_LEASE_SECONDS: String(LEASE_SECONDS),
      LOG_LEVEL: "silent",
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("message", () => resolve(child));
    child.once("exit", (code) => reject(new Error(`the worker exited with ${code} before starting`)));
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

async function killPhase(database: Database, url: string) {
  const emulator = await startEmulator();
  await database.db.delete(outbox);
  await fillOutbox(database, "killed");
  let child = await startChild(url, emulator.apiRoot);
  for (let k = 1; k <= KILLS; k++) {
    await untilSent(database, Math.floor((MESSAGES * k) / (KILLS + 1)));
    child.kill("SIGKILL");
    await exited(child);
    child = await startChild(url, emulator.apiRoot);
  }
  await untilSent(database, MESSAGES);
  child.kill("SIGTERM");
  await exited(child);
  const [resent] = await database.db.select({ n: sum(outbox.unknownOutcomes) }).from(outbox);
  const report = await emulator.report();
  const { overCap } = report;
  const result = { kills: KILLS, unknown_outcome_resends: Number(resent?.n ?? 0), over_cap: overCap.global + overCap.chat, ...tally(report, "killed") };
  await emulator.close();
  return result;
}

export async function run(): Promise<void> {
  const log = pino({ level: "silent" });
  const url = process.env.DATABASE_URL;
  const pgliteDir = url ? undefined : await mkdtemp(path.join(tmpdir(), "otinish-bench-delivery-"));
  const bench = url ? await openBenchDatabase("otinish_bench_delivery", 10) : undefined;
  const database = bench?.database ?? (await openDatabase({ dataDir: pgliteDir }));
  if (!bench) await migrate(database);
  const core: Ctx = { db: database.db, clock: systemClock, log, files: diskFileStore(path.join(tmpdir(), "otinish-bench-files")) };
  try {
    const steady = await steadyPhase(database, core);
    console.log(`steady: ${steady.sends} sends in ${steady.seconds} s = ${steady.rate_per_s}/s against a cap of ${CAP}/s; over cap ${steady.over_cap}, lost ${steady.lost}, doubled ${steady.doubled}`);
    const killed = bench ? await killPhase(database, bench.url) : undefined;
    if (killed) {
      console.log(`killed ${KILLS}×: lost ${killed.lost}, doubled ${killed.doubled}, unknown-outcome resends ${killed.unknown_outcome_resends}, over cap ${killed.over_cap}`);
    } else {
      console.log("kill phase skipped: it needs PostgreSQL (set DATABASE_URL), as PGlite cannot be shared between processes");
    }
    console.log(
      JSON.stringify({
        bench: "delivery",
        database: bench ? "postgres" : "pglite",
        messages: MESSAGES,
        chats: CHATS,
        cap_per_s: CAP,
        worker_rate_per_s: RATE,
        sustained_per_s: steady.rate_per_s,
        share_of_cap: Number((steady.rate_per_s / CAP).toFixed(3)),
        over_cap: steady.over_cap,
        of_which_per_chat: steady.over_chat_cap,
        lost: steady.lost,
        doubled: steady.doubled,
        ...(killed && {
          killed_lost: killed.lost,
          killed_doubled: killed.doubled,
          killed_unknown_outcome_resends: killed.unknown_outcome_resends,
          killed_over_cap: killed.over_cap,
        }),
      }),
    );
  } finally {
    if (bench) await bench.dispose();
    else await database.close();
    if (pgliteDir) await rm(pgliteDir, { recursive: true, force: true });
  }
}
