import { OUTBOX_STATES, systemStatus } from "../../core/system/status.js";
import { age } from "../age.js";
import type { CliCommand } from "../command.js";
import { withCore } from "../open-core.js";

export const statusCommand: CliCommand = {
  name: "status",
  usage: "status",
  summary: "database kind, record counts, and the outbox by state",
  async run(_args, io) {
    await withCore(io.config, async (ctx, database) => {
      const status = await systemStatus(ctx);
      io.out(`database: ${database.kind}${database.kind === "pglite" ? ` (${io.config.dataDir})` : ""}`);
      io.out(`users: ${status.users}`);
      io.out(`citizens: ${status.citizens}`);
      io.out(`consents: ${status.consents}`);
      io.out(`flows in progress: ${status.flowsInProgress}`);
      io.out(`outbox: ${OUTBOX_STATES.map((state) => `${state} ${status.outbox[state]}`).join(", ")}`);
      io.out(`outbox oldest due: ${status.outboxOldestDueSeconds > 0 ? age(status.outboxOldestDueSeconds) : "none waiting"}`);
    });
    return 0;
  },
};
