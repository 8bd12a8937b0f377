import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Start-up of the bot in the sandbox, from the sources (`npm start`: tsx compiles as it loads) and
 * from dist/ (`node dist/bot/main.js` after `npm run build`): the time from spawning the command to
 * the first 200 from /readyz, and memory once ready: the bot's own resident set (its /metrics) and
 * that of every process of the command (npm and tsx start the bot as a child; from `ps`). Each on a
 * fresh DATA_DIR (PGlite created, migrations run, demo data written) and again on the same folder.
 */
const VARIANTS = {
  source: ["npm", ["start"]],
  dist: [process.execPath, ["dist/bot/main.js"]],
} as const satisfies Record<string, readonly [string, readonly string[]]>;
type Variant = keyof typeof VARIANTS;

interface Start {
  variant: Variant;
  start: "fresh" | "second";
  readyMs: number;
  botRssMb: number;
  commandRssMb: number;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The sandbox's environment: no token, no database server, this folder, this port. */
function sandboxEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" };
  delete env.BOT_TOKEN;
  delete env.DATABASE_URL;
  return env;
}

async function untilReady(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode} before it was ready`);
    const status = await fetch(`${url}/readyz`).then((r) => r.status, () => 0);
    if (status === 200) return;
    await sleep(20);
  }
}

/** Resident memory of every process in the group, in MB. */
function groupRssMb(pgid: number): number {
  const kb = execFileSync("ps", ["-o", "rss=", "-g", String(pgid)], { encoding: "utf8" })
    .split("\n")
    .reduce((sum, line) => sum + (Number(line.trim()) || 0), 0);
  return kb / 1024;
}

async function botRssMb(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith("process_resident_memory_bytes "));
  return Number(line?.split(" ")[1]) / 2 ** 20;
}

async function startOnce(variant: Variant, dataDir: string, start: Start["start"]): Promise<Start> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const [command, args] = VARIANTS[variant];
  const began = performance.now();
  // A group of its own, so the launcher and the bot it starts are measured and stopped together.
  const child = spawn(command, args, { env: sandboxEnv(dataDir, port), stdio: "ignore", detached: true });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    await untilReady(url, child);
    const readyMs = performance.now() - began;
    return { variant, start, readyMs, botRssMb: await botRssMb(url), commandRssMb: groupRssMb(child.pid!) };
  } finally {
    process.kill(-child.pid!, "SIGTERM");
    await exited;
    // npm may return before the bot it started has closed the database.
    while (groupAlive(child.pid!)) await sleep(50);
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (n: number) => Math.round(n);

export async function run(args: string[]): Promise<void> {
  const runs = Number(args[0] ?? 3);
  if (!existsSync("dist/bot/main.js")) throw new Error("dist/ is missing: npm run build first");
  const starts: Start[] = [];
  for (let i = 0; i < runs; i++) {
    // Taken in turn, so a machine getting busier weighs on both alike.
    for (const variant of Object.keys(VARIANTS) as Variant[]) {
      const dataDir = await mkdtemp(path.join(tmpdir(), "otinish-startup-"));
      for (const start of ["fresh", "second"] as const) {
        const s = await startOnce(variant, dataDir, start);
        starts.push(s);
        console.log(`${s.variant.padEnd(6)} ${s.start.padEnd(6)} ready ${round(s.readyMs)} ms, bot RSS ${round(s.botRssMb)} MB, command RSS ${round(s.commandRssMb)} MB`);
      }
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  const summary = Object.fromEntries(
    (Object.keys(VARIANTS) as Variant[]).flatMap((variant) =>
      (["fresh", "second"] as const).map((start) => {
        const these = starts.filter((s) => s.variant === variant && s.start === start);
        return [
          `${variant}_${start}`,
          { readyMs: these.map((s) => round(s.readyMs)), medianReadyMs: round(median(these.map((s) => s.readyMs))), medianBotRssMb: round(median(these.map((s) => s.botRssMb))), medianCommandRssMb: round(median(these.map((s) => s.commandRssMb))) },
        ];
      }),
    ),
  );
  console.log(JSON.stringify(summary));
}
