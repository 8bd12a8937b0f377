import { ConfigError, loadConfig } from "../core/config.js";
import type { CliCommand, CliIo } from "./command.js";
import { actingCommand } from "./commands/acting.js";
import { auditCommand } from "./commands/audit.js";
import { calendarCommand } from "./commands/calendar.js";
import { explainCommand } from "./commands/clauses.js";
import { controlCommand } from "./commands/control.js";
import { deadlineCommand } from "./commands/deadline.js";
import { groupCommand } from "./commands/group.js";
import { inviteCommand } from "./commands/invite.js";
import { migrateCommand } from "./commands/migrate.js";
import { nomenclatureCommand } from "./commands/nomenclature.js";
import { outboxCommand } from "./commands/outbox.js";
import { paperCommand } from "./commands/paper.js";
import { receptionCommand } from "./commands/reception.js";
import { registryCommand } from "./commands/registry.js";
import { reportCommand } from "./commands/report.js";
import { retentionCommand } from "./commands/retention.js";
import { journalExportCommand } from "./commands/registry-export.js";
import { staffCommand } from "./commands/staff.js";
import { statusCommand } from "./commands/status.js";
import { unitCommand } from "./commands/unit.js";

const commands: CliCommand[] = [migrateCommand, statusCommand, calendarCommand, deadlineCommand, auditCommand, inviteCommand, staffCommand, unitCommand, actingCommand, receptionCommand, controlCommand, paperCommand, groupCommand, registryCommand, journalExportCommand, reportCommand, nomenclatureCommand, retentionCommand, outboxCommand, explainCommand];

function help(io: Pick<CliIo, "out">): number {
  io.out("usage: npm run cli -- <command> [options]");
  io.out("");
  for (const c of commands) io.out(`  ${c.usage.padEnd(40)} ${c.summary}`);
  io.out(`  ${"help".padEnd(40)} this list`);
  return 0;
}

/**
 * One command line, against the configuration `env` gives: what `npm run cli` does, callable
 * in-process (the tests run it so, on the same code, without starting Node each time).
 */
export async function runCli(argv: string[], env: Record<string, string | undefined>, io: Pick<CliIo, "out" | "err">): Promise<number> {
  const [name, ...args] = argv;
  const { out, err } = io;
  if (!name || name === "help" || name === "--help") return help({ out });
  const command = commands.find((c) => c.name === name);
  if (!command) {
    err(`unknown command "${name}"`);
    help({ out: err });
    return 2;
  }
  let config;
  try {
    config = loadConfig(env, "console");
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    err(`Configuration error: ${error.message}`);
    return 1;
  }
  return command.run(args, { config, out, err });
}
