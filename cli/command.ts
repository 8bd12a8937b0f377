import type { Config } from "../core/config.js";

/** One operator command: `npm run cli -- <name> [args]`. */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  config: Config;
  out(line: string): void;
  err(line: string): void;
}

/** A wrong command line: one line naming the problem and the right form, and exit code 2. */
export function usageError(io: Pick<CliIo, "err">, name: string, usage: string, problem: string): number {
  io.err(`${name}: ${problem} (usage: ${usage})`);
  return 2;
}
