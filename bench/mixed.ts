import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { pino } from "pino";
import { diskFileStore } from "../core/files/file-store.js";
import { systemClock } from "../core/shared/clock.js";
import type { Ctx } from "../core/shared/context.js";
import { SandboxUser } from "../test/support/sandbox-user.js";
import { DEFAULT_SERVER, openBenchDatabase, percentile } from "./bench-database.js";
import { BotProcess, freePort, FROM_BUILD, FROM_SOURCES, logFile } from "./chaos/bot-process.js";
import { emulatedBotEnv, startEmulator } from "./chaos/emulator.js";
import { parseOptions } from "./chaos/options.js";
import { visit, type People, type Share, type Tally } from "./mixed/actions.js";
import { cpuOfPostgres, cpuOfProcess } from "./process-cpu.js";
import { setUpDepartment } from "./mixed/department.js";
import { pgbenchTps } from "./pgbench.js";

/**
 * The bot as production runs it: a process of its own on PostgreSQL, taking updates by long polling
 * from the Bot API emulator in this process, which also answers every call the bot makes. People
 * act through the emulator as in a chat, each waiting for the answer before the next act, in a mix
 * of about 60% citizens' screens and flows, 30% reviewers' lists and cards and 10% registrars
 * routing new appeals. `--build` runs the bot from the production build (`npm run build` first).
 */
interface MixedOptions {
  /** People acting at once. */
  clients: number;
  warmupSeconds: number;
  seconds: number;
  build: boolean;
}

const DEFAULTS: MixedOptions = { clients: 16, warmupSeconds: 10, seconds: 60, build: false };
const SIZE = { citizens: 400, registrars: 4, reviewers: 8, appealsEach: 2, routed: 0.6 };
const PGBENCH_SECONDS = 10;

function botEnv(databaseUrl: string, apiRoot: string, filesDir: string): Record<string, string> {
  return {
    ...emulatedBotEnv(databaseUrl, apiRoot, filesDir),
    // People here act as fast as the bot answers; the send budget is Telegram's, not the bot's, so it is lifted.
    FLOOD_LIMIT: "0",
    SEND_RATE: "100000",
    OUTBOX_RATE: "1000",
    OUTBOX_CHAT_RATE: "100",
  };
}

/** A series of the bot's /metrics, summed over its labels. */
async function metric(botUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${botUrl}/metrics`)).text();
  return text
    .split("\n")
    .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
    .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
}

/** People of one kind, each acting in one visit at a time. */
function crowd(emulatorUrl: string, ids: number[]) {
  const idle = ids.map((id) => new SandboxUser(emulatorUrl, id));
  const waiting: ((user: SandboxUser) => void)[] = [];
  return {
    take: () =>
      new Promise<SandboxUser>((resolve) => {
        const user = idle.splice(Math.floor(Math.random() * idle.length), 1)[0];
        if (user) resolve(user);
        else waiting.push(resolve);
      }),
    give: (user: SandboxUser) => {
      const next = waiting.shift();
      if (next) next(user);
      else idle.push(user);
    },
  };
}

async function snapshot(bot: BotProcess) {
  return {
    at: performance.now(),
    loadCpuMs: (({ user, system }) => (user + system) / 1000)(process.cpuUsage()),
    botCpuMs: cpuOfProcess(bot.pid!),
    postgresCpuMs: cpuOfPostgres(),
    statements: await metric(bot.url, "otinish_db_statements_total"),
    updates: await metric(bot.url, "otinish_updates_total"),
  };
}

export async function run(args: string[]): Promise<void> {
  const numbers = parseOptions(args.filter((a) => a !== "--build"), { clients: "clients", seconds: "seconds", "warmup-seconds": "warmupSeconds" });
  const o: MixedOptions = { ...DEFAULTS, ...numbers, build: args.includes("--build") };
  if (o.build) execFileSync("npm", ["run", "build"], { stdio: ["ignore", "ignore", "inherit"] });

  const bench = await openBenchDatabase("otinish_bench_mixed", 5);
  const scratch = await mkdtemp(path.join(tmpdir(), "otinish-bench-mixed-"));
  const core: Ctx = { db: bench.database.db, clock: systemClock, log: pino({ level: "silent" }), files: diskFileStore(path.join(scratch, "files")) };
  const department = await setUpDepartment(core, SIZE);
  const emulator = await startEmulator(department.people);
  const bot = new BotProcess(botEnv(bench.url, emulator.url, path.join(scratch, "files")), await freePort(), logFile("mixed"), o.build ? FROM_BUILD : FROM_SOURCES);
  try {
    await bot.start();
    const kinds = { citizen: crowd(emulator.url, department.citizens), reviewer: crowd(emulator.url, department.reviewers), registrar: crowd(emulator.url, department.registrars) };
    const owner = new Map<SandboxUser, (user: SandboxUser) => void>();
    const taker = (kind: keyof typeof kinds) => async () => {
      const user = await kinds[kind].take();
      owner.set(user, kinds[kind].give);
      return user;
    };
    const people: People = { citizen: taker("citizen"), reviewer: taker("reviewer"), registrar: taker("registrar"), release: (user) => owner.get(user)!(user) };
    const tally: Tally = { measuring: false, latencies: { citizen: [], staff: [], routing: [] }, unanswered: 0, offScript: 0 };
    let running = true;
    const clients = Array.from({ length: o.clients }, async () => {
      while (running) await visit(people, tally);
    });

    await sleep(o.warmupSeconds * 1000);
    const before = await snapshot(bot);
    tally.measuring = true;
    await sleep(o.seconds * 1000);
    tally.measuring = false;
    const after = await snapshot(bot);
    running = false;
    await Promise.all(clients);
    await bot.stop();

    const seconds = (after.at - before.at) / 1000;
    const all = Object.values(tally.latencies).flat().sort((a, b) => a - b);
    const handled = after.updates - before.updates;
    const perUpdate = (n: number) => Number((n / handled).toFixed(2));
    const share = (kind: Share) => Number((tally.latencies[kind].length / all.length).toFixed(2));
    const updatesPerSecond = handled / seconds;
    const tps = pgbenchTps(process.env.DATABASE_URL ?? DEFAULT_SERVER, o.clients, PGBENCH_SECONDS);
    console.log(`${handled} updates in ${seconds.toFixed(1)} s from ${o.clients} people at a time, the bot run from ${o.build ? "dist/" : "the sources"}`);
    console.log(
      JSON.stringify({
        bench: "mixed",
        database: "postgres",
        build: o.build ? "dist" : "sources",
        clients: o.clients,
        updates: handled,
        answered: all.length,
        unanswered: tally.unanswered,
        off_script: tally.offScript,
        citizen_share: share("citizen"),
        staff_share: share("staff"),
        routing_share: share("routing"),
        updates_per_s: Math.round(updatesPerSecond),
        p50_ms: Number(percentile(all, 50).toFixed(1)),
        p99_ms: Number(percentile(all, 99).toFixed(1)),
        pgbench_N_tps: Math.round(tps),
        ratio_to_pgbench: Number((updatesPerSecond / tps).toFixed(3)),
        statements_per_update: perUpdate(after.statements - before.statements),
        node_cpu_ms_per_update: perUpdate(after.botCpuMs - before.botCpuMs),
        postgres_cpu_ms_per_update: perUpdate(after.postgresCpuMs - before.postgresCpuMs),
        // This process: the emulator answering the bot and the people's long polls, on the same two cores.
        load_cpu_ms_per_update: perUpdate(after.loadCpuMs - before.loadCpuMs),
      }),
    );
  } finally {
    await bot.close();
    await emulator.close();
    await bench.dispose();
    await rm(scratch, { recursive: true, force: true });
  }
}
