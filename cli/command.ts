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
