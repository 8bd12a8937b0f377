import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { pino } from "pino";
import { identify, setLanguage } from "../core/people/users.js";
import { diskFileStore } from "../core/files/file-store.js";
import { systemClock } from "../core/shared/clock.js";
import type { Ctx } from "../core/shared/context.js";
import { openDatabase } from "../db/client.js";
import { signedUpCitizen } from "../test/support/citizens.js";
import { SandboxUser } from "../test/support/sandbox-user.js";
import { shown } from "../test/support/texts.js";
import { relayWebhook } from "../test/support/webhook-relay.js";
import { openBenchDatabase } from "./bench-database.js";
import { BotProcess, freePort, logFile } from "./chaos/bot-process.js";
import { emulatedBotEnv, startEmulator, type Emulator } from "./chaos/emulator.js";
import { orderOf, type ChatOrder } from "./chaos/echo-order.js";
import { parseOptions } from "./chaos/options.js";
import { startRoundRobin } from "./chaos/round-robin.js";
import { chaosUsers, citizenId } from "./chaos/people.js";
import { Script, sees } from "./chaos/script.js";
import { OFFICIAL_NAME, setUpDepartment } from "./chaos/setup.js";

/**
 * Three instances of the real bot in webhook mode, each a child process on one PostgreSQL database,
 * behind a round-robin proxy, so a chat's consecutive updates land on different instances; one is
 * killed (SIGKILL) half-way. Each citizen opens a list and types numbered words without waiting;
 * the bot answers each search with the word, so the order of the answers in the chat shows the
 * order the updates were handled in. The emulator refuses and counts every send over SEND_RATE.
 */
export interface ChaosInstancesOptions {
  citizens: number;
  /** Numbered words each citizen types. */
  words: number;
  instances: number;
  /** SEND_RATE of every instance, and the emulator's cap for the whole bot. */
  rate: number;
  stepMs: number;
  databaseUrl?: string;
}

export interface ChaosInstancesResult {
  instances: number;
  killed: number;
  order_violations: number;
  lost_words: number;
  over_cap_sends: number;
  citizens: number;
  words: number;
  seconds: number;
}

const DEFAULTS: ChaosInstancesOptions = { citizens: 60, words: 10, instances: 3, rate: 28, stepMs: 60_000 };
export const WEBHOOK_SECRET = "chaos-webhook-secret-0123456789";

function botEnv(databaseUrl: string, emulator: Emulator, filesDir: string, rate: number): Record<string, string> {
  return {
    ...emulatedBotEnv(databaseUrl, emulator.url, filesDir),
    WEBHOOK_URL: "https://otinish.example.kz/telegram/webhook",
    WEBHOOK_SECRET,
    UPDATES_LEASE_SECONDS: "10",
    SEND_RATE: String(rate),
    OUTBOX_RATE: String(Math.max(1, Math.floor(rate * 0.8))),
    SEND_CLOCK: "database",
  };
}

/** Citizens signed up already; they come to the officials' list, the list a typed word searches. */
async function toTheList(user: SandboxUser, stepMs: number): Promise<void> {
  const s = new Script(user, stepMs);
  const t = (key: string) => shown("ru", key);
  await s.step("menu", (u) => u.send("/start"), sees.button(t("menu.reception")));
  await s.tap("reception", t("menu.reception"), sees.button(t("reception.my.book")));
  await s.tap("book", t("reception.my.book"), sees.button(OFFICIAL_NAME));
}

export async function runChaosInstances(options: Partial<ChaosInstancesOptions> = {}): Promise<ChaosInstancesResult> {
  const o = { ...DEFAULTS, ...options };
  const bench = o.databaseUrl ? undefined : await openBenchDatabase("otinish_chaos_instances", 5);
  const databaseUrl = o.databaseUrl ?? bench!.url;
  const database = bench?.database ?? (await openDatabase({ url: databaseUrl, poolMax: 5 }));
  const scratch = await mkdtemp(path.join(tmpdir(), "otinish-chaos-instances-"));
  const core: Ctx = { db: database.db, clock: systemClock, log: pino({ level: "silent" }), files: diskFileStore(path.join(scratch, "files")) };
  const emulator = await startEmulator(chaosUsers(o.citizens));
  emulator.sandbox.faults.setCaps({ perSecond: o.rate });
  const env = botEnv(databaseUrl, emulator, path.join(scratch, "files"), o.rate);
  const bots = await Promise.all(Array.from({ length: o.instances }, async (_, i) => new BotProcess(env, await freePort(), logFile(`instances-${i}`))));
  const began = performance.now();
  try {
    await setUpDepartment(core);
    for (let n = 0; n < o.citizens; n++) {
      const actor = await signedUpCitizen(core, citizenId(n), { fullName: "Иванов Иван Иванович" });
      await setLanguage(core, core.db, await identify(core, { telegramId: actor.telegramId }), "ru");
    }
    await Promise.all(bots.map((b) => b.start()));
    const proxy = await startRoundRobin(bots.map((b) => b.port));
    const relay = relayWebhook(emulator.sandbox, () => [proxy.url], WEBHOOK_SECRET);
    const users = Array.from({ length: o.citizens }, (_, n) => new SandboxUser(emulator.url, citizenId(n)));
    await Promise.all(users.map((u) => toTheList(u, o.stepMs)));
    emulator.sandbox.faults.resetCounters();
    // Everyone types their words at once; one instance dies half-way through.
    let typed = 0;
    const total = o.citizens * o.words;
    const typing = Promise.all(
      users.map(async (u) => {
        for (let w = 1; w <= o.words; w++, typed++) await u.send(`поиск${String(w).padStart(2, "0")}`);
      }),
    );
    while (typed < total / 2) await sleep(20);
    await bots[1 % o.instances]!.kill();
    await typing;
    const deadline = Date.now() + o.stepMs;
    let orders: ChatOrder[] = [];
    do {
      orders = users.map((u) => orderOf(emulator.sandbox, u.userId, o.words));
      if (orders.every((c) => c.seen === o.words)) break;
      await sleep(500);
    } while (Date.now() < deadline);
    await relay.stop();
    await proxy.close();
    await Promise.all(bots.map((b) => b.stop()));
    return {
      instances: o.instances,
      killed: 1,
      order_violations: orders.reduce((n, c) => n + c.violations, 0),
      lost_words: orders.reduce((n, c) => n + (o.words - c.seen), 0),
      over_cap_sends: emulator.sandbox.faults.overCap.global,
      citizens: o.citizens,
      words: total,
      seconds: Math.round((performance.now() - began) / 1000),
    };
  } finally {
    await Promise.all(bots.map((b) => b.close()));
    await emulator.close();
    if (bench) await bench.dispose();
    else await database.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

export async function run(args: string[]): Promise<void> {
  const options = parseOptions(args, { citizens: "citizens", words: "words", instances: "instances", rate: "rate", "step-ms": "stepMs" });
  const result = await runChaosInstances(options);
  console.log(`${result.instances} instances, one killed, ${result.words} words from ${result.citizens} citizens in ${result.seconds} s`);
  console.log(JSON.stringify({ bench: "chaos-instances", ...result }));
}
