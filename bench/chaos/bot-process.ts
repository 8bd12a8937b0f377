import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const ROOT = path.join(import.meta.dirname, "..", "..");
const READY_TIMEOUT_MS = 120_000;

export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Where a bot's stderr goes: kept after the run, for reading what went wrong. */
export function logFile(name: string): string {
  const file = path.join(tmpdir(), `otinish-chaos-${name}-${process.pid}.log`);
  console.error(`bot log: ${file}`);
  return file;
}

/** How the bot is started: from the sources as `npm start` does, or from the production build (`npm run build`). */
export const FROM_SOURCES = ["--import", "tsx", "bot/main.ts"];
export const FROM_BUILD = ["dist/bot/main.js"];

/**
 * The real bot as a process of its own, on a fixed port, which can be killed without warning and
 * started again. Its output goes to a log file, appended across starts, for reading after a run.
 */
export class BotProcess {
  readonly port: number;
  readonly url: string;
  readonly #env: NodeJS.ProcessEnv;
  readonly #log: WriteStream;
  readonly #args: string[];
  #child: ChildProcess | undefined;
  starts = 0;

  constructor(env: Record<string, string>, port: number, logFile: string, args = FROM_SOURCES) {
    this.#args = args;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.#env = { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" };
    this.#log = createWriteStream(logFile, { flags: "a" });
  }

  /** Starts the bot and waits until /readyz answers 200. */
  async start(): Promise<void> {
    const child = spawn(process.execPath, this.#args, { cwd: ROOT, env: this.#env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.pipe(this.#log, { end: false });
    child.stderr!.pipe(this.#log, { end: false });
    this.#child = child;
    this.starts++;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the bot exited (${child.exitCode ?? child.signalCode}) before it was ready`);
      if (Date.now() > deadline) throw new Error("the bot was not ready in time");
      const status = await fetch(`${this.url}/readyz`).then((r) => r.status, () => 0);
      if (status === 200) return;
      await sleep(50);
    }
  }

  /** The running bot's process id, for reading its CPU time. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** SIGKILL: no finishing of anything in hand, as a crash or a pulled plug. */
  kill(): Promise<void> {
    return this.#stop("SIGKILL");
  }

  /** SIGTERM: the graceful stop of a deploy. */
  stop(): Promise<void> {
    return this.#stop("SIGTERM");
  }

  async close(): Promise<void> {
    await this.#stop("SIGKILL");
    await new Promise<void>((resolve) => this.#log.end(() => resolve()));
  }

  async #stop(signal: NodeJS.Signals): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill(signal);
    await exited;
  }
}
