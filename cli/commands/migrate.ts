import type { CliCommand } from "../command.js";
import { withCore } from "../open-core.js";

export const migrateCommand: CliCommand = {
  name: "migrate",
  usage: "migrate",
  summary: "apply database migrations (the bot also does this at start)",
  async run(_args, io) {
    await withCore(io.config, async (_ctx, database) => io.out(`migrations applied (${database.kind})`));
    return 0;
  },
};
