import { parseArgs, type ParseArgsConfig } from "node:util";
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

/**
 * The command line's positionals and options, or — when it does not parse (an unknown option, a
 * missing value) — the exit code after the usage error was printed.
 */
export function parseCommandLine<const O extends NonNullable<ParseArgsConfig["options"]>>(io: Pick<CliIo, "err">, name: string, usage: string, args: string[], options: O) {
  try {
    return parseArgs({ args, allowPositionals: true, options });
  } catch (error) {
    return usageError(io, name, usage, (error as Error).message);
  }
}
