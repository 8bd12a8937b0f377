import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "../../cli/run.js";

/** Entry points run as operators run them: a child process through tsx, with only the environment given. */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
/** A child process starts tsx and opens its database: slow on a busy machine. */
export const SLOW = 60_000;

export interface AppRun {
  code: number;
  stdout: string[];
  stderr: string[];
}

const lines = (text: string) => text.split("\n").filter((line) => line !== "");

export function runApp(entry: "cli/main.ts" | "bot/main.ts", args: string[], env: Record<string, string>): Promise<AppRun> {
  return new Promise((resolve) => {
    execFile(TSX, [entry, ...args], { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, timeout: SLOW }, (error, stdout, stderr) => {
      resolve({ code: !error ? 0 : typeof error.code === "number" ? error.code : -1, stdout: lines(stdout), stderr: lines(stderr) });
    });
  });
}

/**
 * `npm run cli -- …` on the data directory given (its PGlite lives there), run in this process on the
 * entry's own function: starting Node for each line cost seconds. `runApp` still runs the entry itself.
 */
export function cliOn(dataDir: string): (...args: string[]) => Promise<AppRun> {
  return async (...args) => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await runCli(args, { DATA_DIR: dataDir }, { out: (line) => stdout.push(...lines(line)), err: (line) => stderr.push(...lines(line)) });
    return { code, stdout, stderr };
  };
}
