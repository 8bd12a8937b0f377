import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Update, UserFromGetMe } from "grammy/types";
import { pino } from "pino";
import { createBot } from "../bot/create-bot.js";
import { startInboxWorker } from "../bot/inbox/inbox-worker.js";
import { receiver } from "../bot/inbox/receive.js";
import { handler } from "../bot/inbox/update-inbox.js";
import { diskFileStore } from "../core/files/file-store.js";
import { systemClock } from "../core/shared/clock.js";
import { statementsSent } from "../db/statement-tally.js";
import { DEFAULT_SERVER, openBenchDatabase, percentile } from "./bench-database.js";
import { cpuOfPostgres } from "./process-cpu.js";
import { pgbenchTps } from "./pgbench.js";

/**
 * Sign-up and menu updates through the update inbox and the real bot (stored, claimed in the
 * chat's turn, all middleware, core and PostgreSQL, marked done), with the Bot API answered
 * in-process by a transformer, so no network is in the figures. Many people at once, each one
 * sending the next update once the last is handled; an update's time runs from storing it to its
 * being marked done.
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 800);
const PGBENCH_SECONDS = 10;

const BOT_INFO = {
  id: 1,
  is_bot: true,
  first_name: "Otinish",
  username: "otinish_bench_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

let updateId = 0;
let messageId = 0;
/** The bot's latest message with buttons in each chat, and their data: what a person would press next. */
const lastQuestion = new Map<number, { messageId: number; buttons: string[] }>();

function remember(chatId: number, messageId: number, payload: Record<string, unknown>): void {
  const rows = (payload.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined)?.inline_keyboard ?? [];
  const buttons = rows.flat().flatMap((b) => (b.callback_data ? [b.callback_data] : []));
  if (buttons.length > 0) lastQuestion.set(chatId, { messageId, buttons });
}

function fakeApi(method: string, payload: Record<string, unknown>): unknown {
  const chatId = Number(payload.chat_id);
  if (method === "sendMessage") {
    const id = ++messageId;
    remember(chatId, id, payload);
    return { message_id: id, date: 0, chat: { id: chatId, type: "private", first_name: "x" }, text: payload.text };
  }
  if (method === "editMessageText") {
    remember(chatId, Number(payload.message_id), payload);
    return { message_id: payload.message_id, date: 0, chat: { id: chatId, type: "private", first_name: "x" }, text: payload.text };
  }
  return true;
}

function person(id: number) {
  return { id, is_bot: false, first_name: "Bench", language_code: "ru" };
}

function message(id: number, extra: Record<string, unknown>): Update {
  return {
    update_id: ++updateId,
    message: { message_id: ++messageId, date: 0, chat: { id, type: "private", first_name: "Bench" }, from: person(id), ...extra },
  } as Update;
}

/** Presses the button of the latest question whose data starts with `start` (buttons carry the question's version). */
function press(id: number, start: string): Update {
  const question = lastQuestion.get(id);
  const data = question?.buttons.find((d) => d.startsWith(start)) ?? start;
  return {
    update_id: ++updateId,
    callback_query: {
      id: String(updateId),
      from: person(id),
      chat_instance: String(id),
      data,
      message: { message_id: question?.messageId ?? 0, date: 0, chat: { id, type: "private", first_name: "Bench" }, text: "" },
    },
  } as Update;
}

/** What one person sends: the whole sign-up, then a look at the profile and help from the menu. */
function* journey(id: number): Generator<() => Update> {
  yield () => message(id, { text: "/start", entities: [{ type: "bot_command", offset: 0, length: 6 }] });
  yield () => press(id, "su2:lang:ru:");
  yield () => press(id, "su2:consent:yes:");
  yield () => press(id, "su2:kind:individual:");
  yield () => message(id, { text: "Иванов Иван Иванович" });
  yield () => message(id, { text: "870615400228" });
  yield () => message(id, { contact: { phone_number: "+77011234567", first_name: "Bench", user_id: id } });
  for (const section of ["profile", "home", "help", "home"]) yield () => press(id, `mn2:open:${section}`);
}

export async function run(): Promise<void> {
  const bench = await openBenchDatabase("otinish_bench_updates", CLIENTS);
  const log = pino({ level: "silent" });
  const token = "1:bench-token-never-sent-anywhere";
  const filesDir = await mkdtemp(path.join(tmpdir(), "otinish-bench-"));
  const core = { db: bench.database.db, clock: systemClock, log, files: diskFileStore(filesDir) };
  const bot = createBot({
    token,
    botInfo: BOT_INFO,
    deps: { core, operatorBin: "040840300024", apiRoot: "http://127.0.0.1:9", token },
  });
  bot.api.config.use(async (_prev, method, payload) => ({ ok: true, result: fakeApi(method, payload as Record<string, unknown>) }) as never);
  await bot.init();

  /** Each stored update's person, waiting for it to be handled. */
  const waiting = new Map<number, () => void>();
  let errors = 0;
  const inbox = startInboxWorker(core, handler(bot), {
    worker: "bench",
    concurrency: CLIENTS,
    leaseMs: 30_000,
    onOutcome: (outcome, updateId) => {
      if (outcome !== "done") errors++;
      if (outcome === "retried") return;
      waiting.get(updateId)?.();
      waiting.delete(updateId);
    },
  });
  const receive = receiver(core, inbox.wake, () => {});

  const latencies: number[] = [];
  let next = 0;
  const client = async () => {
    while (next < PEOPLE) {
      const id = 5_000_000 + next++;
      for (const make of journey(id)) {
        const update = make();
        const handled = new Promise<void>((resolve) => waiting.set(update.update_id, resolve));
        const started = performance.now();
        await receive([update]);
        await handled;
        latencies.push(performance.now() - started);
      }
    }
  };
  const started = performance.now();
  const [statementsBefore, cpuBefore, postgresBefore] = [statementsSent(), process.cpuUsage(), cpuOfPostgres()];
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const postgresCpuMs = cpuOfPostgres() - postgresBefore;
  const perUpdate = (n: number) => Number((n / latencies.length).toFixed(2));
  // Statements of everything the process sent (the inbox's store, claim and done included; the
  // handling's own per kind of screen are in test/e2e/statement-budget.test.ts), Node's CPU and
  // PostgreSQL's. A statement is one round trip once its connection has it prepared (the first use
  // on a connection adds a describe).
  const breakdown = {
    statements_per_update: perUpdate(statementsSent() - statementsBefore),
    node_cpu_ms_per_update: perUpdate((cpu.user + cpu.system) / 1000),
    postgres_cpu_ms_per_update: perUpdate(postgresCpuMs),
  };
  await inbox.stop(0);

  const profiles = await bench.database.db.execute("select count(*)::int as n from citizens");
  const signedUp = Number((profiles as unknown as { n: number }[])[0]?.n ?? (profiles as { rows?: { n: number }[] }).rows?.[0]?.n);
  await bench.dispose();

  latencies.sort((a, b) => a - b);
  const updatesPerSecond = latencies.length / seconds;
  console.log(`${latencies.length} updates from ${PEOPLE} people (${CLIENTS} at a time) in ${seconds.toFixed(1)} s; ${signedUp} signed up`);
  const tps = pgbenchTps(process.env.DATABASE_URL ?? DEFAULT_SERVER, CLIENTS, PGBENCH_SECONDS);
  console.log(
    JSON.stringify({
      bench: "updates",
      database: "postgres",
      clients: CLIENTS,
      people: PEOPLE,
      updates: latencies.length,
      signed_up: signedUp,
      errors,
      updates_per_s: Math.round(updatesPerSecond),
      p50_ms: Number(percentile(latencies, 50).toFixed(2)),
      p99_ms: Number(percentile(latencies, 99).toFixed(2)),
      pgbench_N_tps: Math.round(tps),
      ratio_to_pgbench: Number((updatesPerSecond / tps).toFixed(3)),
      ...breakdown,
    }),
  );
}
