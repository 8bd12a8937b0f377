import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

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

/** `npm run cli -- …` on the data directory given (its PGlite lives there). */
export function cliOn(dataDir: string): (...args: string[]) => Promise<AppRun> {
  return (...args) => runApp("cli/main.ts", args, { DATA_DIR: dataDir });
}
