import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { and, inArray, lte, sql } from "drizzle-orm";
import { pino } from "pino";
import { diskFileStore } from "../core/files/file-store.js";
import { systemClock } from "../core/shared/clock.js";
import type { Ctx } from "../core/shared/context.js";
import { openDatabase } from "../db/client.js";
import { appeals, outbox, updates } from "../db/schema/index.js";
import { SandboxUser } from "../test/support/sandbox-user.js";
import { openBenchDatabase } from "./bench-database.js";
import { BotProcess, freePort, logFile } from "./chaos/bot-process.js";
import { emulatedBotEnv, startEmulator, type Emulator } from "./chaos/emulator.js";
import { citizenJourney, type JourneyReport } from "./chaos/journey.js";
import { checkKillRun, type KillFigures } from "./chaos/kill-checks.js";
import { parseOptions } from "./chaos/options.js";
import { pool } from "./chaos/pool.js";
import { chaosUsers, citizenId, STAFF } from "./chaos/people.js";
import { setUpDepartment } from "./chaos/setup.js";
import { startDesk } from "./chaos/staff-desk.js";

/**
 * The real bot as a child process on PostgreSQL, against the Bot API emulator in this process,
 * while scripted citizens sign up, file an appeal with a file, supplement it and book a reception
 * slot, and the Head approves every answer in chat; the bot is killed (SIGKILL) at random moments
 * and started again each time. Then nothing may be lost or doubled: every update handled, every
 * confirmed appeal registered once with gapless numbers, one booking each, every receipt and
 * answer delivered (copies counted), no flow stuck.
 */
export interface ChaosKillOptions {
  citizens: number;
  kills: number;
  /** Citizens at work at once. */
  concurrency: number;
  /** Mean time from the bot being ready to its next kill. */
  intervalMs: number;
  /** How long a person waits for an answer before nudging. */
  stepMs: number;
  /** A database of its own (the tests'); a fresh one on DATABASE_URL's server otherwise. */
  databaseUrl?: string;
}

export interface ChaosKillResult extends KillFigures {
  kills: number;
  citizens: number;
  appeals: number;
  seconds: number;
  /** Where people were left behind, and where they had to nudge: "citizen:step". */
  stuck_at: string[];
  nudged_at: string[];
}

const DEFAULTS: ChaosKillOptions = { citizens: 200, kills: 30, concurrency: 25, intervalMs: 3000, stepMs: 30_000 };
const DRAIN_MS = 240_000;

function botEnv(databaseUrl: string, emulator: Emulator, filesDir: string): Record<string, string> {
  return {
    ...emulatedBotEnv(databaseUrl, emulator.url, filesDir),
    // The Head approves two hundred answers in a row, as no citizen would write.
    FLOOD_LIMIT: "0",
    // A killed instance's updates are taken over after this long.
    UPDATES_LEASE_SECONDS: "10",
    SEND_RATE: "200",
    OUTBOX_RATE: "150",
    OUTBOX_CHAT_RATE: "20",
    OUTBOX_LEASE_SECONDS: "15",
    TELEGRAM_TIMEOUT_SECONDS: "3",
  };
}

/** Until every confirmed appeal is answered, every message due to a citizen has left the outbox and every update is handled. */
async function settled(core: Ctx, confirmed: number, citizens: number[]): Promise<boolean> {
  const [answered] = await core.db.select({ n: sql<number>`count(*)::int` }).from(appeals).where(sql`${appeals.state} = 'answered'`);
  if ((answered?.n ?? 0) < confirmed) return false;
  const [open] = await core.db
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(and(inArray(outbox.chatId, citizens), inArray(outbox.status, ["pending", "sending"]), lte(outbox.notBefore, sql`now()`)));
  if ((open?.n ?? 0) > 0) return false;
  // Updates still waiting are not lost yet: the bot is given the time to handle them.
  const [waiting] = await core.db.select({ n: sql<number>`count(*)::int` }).from(updates).where(inArray(updates.state, ["pending", "in_progress"]));
  return (waiting?.n ?? 0) === 0;
}

export async function runChaosKill(options: Partial<ChaosKillOptions> = {}): Promise<ChaosKillResult> {
  const o = { ...DEFAULTS, ...options };
  const bench = o.databaseUrl ? undefined : await openBenchDatabase("otinish_chaos_kill", 5);
  const databaseUrl = o.databaseUrl ?? bench!.url;
  const database = bench?.database ?? (await openDatabase({ url: databaseUrl, poolMax: 5 }));
  const scratch = await mkdtemp(path.join(tmpdir(), "otinish-chaos-kill-"));
  const core: Ctx = { db: database.db, clock: systemClock, log: pino({ level: "silent" }), files: diskFileStore(path.join(scratch, "files")) };
  const emulator = await startEmulator(chaosUsers(o.citizens));
  const bot = new BotProcess(botEnv(databaseUrl, emulator, path.join(scratch, "files")), await freePort(), logFile("kill"));
  const began = performance.now();
  try {
    const staff = await setUpDepartment(core);
    console.error(`department ready at ${Math.round((performance.now() - began) / 1000)} s`);
    await bot.start();
    console.error(`bot ready at ${Math.round((performance.now() - began) / 1000)} s`);
    const desk = startDesk(core, staff, new SandboxUser(emulator.url, STAFF.head), o.stepMs);
    let journeysDone = false;
    let reports: JourneyReport[] = [];
    const journeys = pool(o.citizens, o.concurrency, (n) => citizenJourney(new SandboxUser(emulator.url, citizenId(n)), n, o.stepMs)).then((r) => {
      reports = r;
      journeysDone = true;
    });
    const citizens = Array.from({ length: o.citizens }, (_, n) => citizenId(n));
    const done = async () => journeysDone && (await settled(core, reports.filter((r) => r.confirmed).length, citizens));
    let kills = 0;
    while (kills < o.kills && !(await done())) {
      await sleep(Math.random() * 2 * o.intervalMs);
      await bot.kill();
      kills++;
      await bot.start();
    }
    await journeys;
    console.error(`journeys done at ${Math.round((performance.now() - began) / 1000)} s`);
    const deadline = Date.now() + DRAIN_MS;
    while (!(await done()) && Date.now() < deadline) await sleep(500);
    await desk.stop();
    await bot.stop();
    const figures = await checkKillRun(core, emulator.sandbox, reports);
    const [total] = await core.db.select({ n: sql<number>`count(*)::int` }).from(appeals);
    return {
      kills,
      ...figures,
      citizens: o.citizens,
      appeals: total?.n ?? 0,
      seconds: Math.round((performance.now() - began) / 1000),
      stuck_at: reports.flatMap((r) => (r.stuckAt ? [`${r.n}:${r.stuckAt}`] : [])),
      nudged_at: reports.flatMap((r) => r.nudged.map((step) => `${r.n}:${step}`)),
    };
  } finally {
    await bot.close();
    await emulator.close();
    if (bench) await bench.dispose();
    else await database.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

export async function run(args: string[]): Promise<void> {
  const options = parseOptions(args, { citizens: "citizens", kills: "kills", concurrency: "concurrency", "interval-ms": "intervalMs", "step-ms": "stepMs" });
  const result = await runChaosKill(options);
  console.log(`${result.kills} kills over ${result.citizens} citizens in ${result.seconds} s`);
  console.log(`stuck: ${result.stuck_at.join(", ") || "none"}; nudged: ${result.nudged_at.join(", ") || "none"}`);
  const { stuck_at: _stuck, nudged_at: _nudged, ...figures } = result;
  console.log(JSON.stringify({ bench: "chaos-kill", ...figures }));
}
