import { auditTrail } from "../../core/appeals/audit.js";
import { isDomainError } from "../../core/shared/errors.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { formatDateTime } from "../../locales/format.js";
import { parseCommandLine, type CliCommand } from "../command.js";
import { withCore } from "../open-core.js";
import { explain } from "./explain.js";

const USAGE = "audit APPEAL_NUMBER [--restricted]";

export const auditCommand: CliCommand = {
  name: "audit",
  usage: USAGE,
  summary: "every event of an appeal: when, what, who and on whose authority (--restricted to open a ДСП one)",
  async run(args, io) {
    const parsed = parseCommandLine(io, "audit", USAGE, args, { restricted: { type: "boolean" } });
    if (typeof parsed === "number") return parsed;
    const [number] = parsed.positionals;
    if (!number || parsed.positionals.length !== 1) {
      io.err("audit: give one appeal number, like ЖТ-2026-000123");
      return 2;
    }
    // A document for official use is opened only when the operator says so.
    const operator = parsed.values.restricted ? { ...CONSOLE_OPERATOR, clearance: true } : CONSOLE_OPERATOR;
    return withCore(io.config, async (ctx) => {
      try {
        const trail = await auditTrail(ctx, operator, number);
        io.out(`appeal ${trail.number}: ${trail.lines.length} events (Asia/Almaty time)`);
        for (const line of trail.lines) {
          const who = line.actor ? `${line.actor.role} #${line.actor.userId}${line.actor.name ? ` ${line.actor.name}` : ""}` : "system";
          const on = line.authority && line.authority.userId !== line.actor?.userId ? ` for #${line.authority.userId} ${line.authority.name ?? ""}`.trimEnd() : "";
          const move = line.to ? ` ${line.from ?? "—"} → ${line.to}` : "";
          const comment = line.comment ? ` «${line.comment}»` : "";
          io.out(`${formatDateTime(line.at)}  ${line.kind}${move}  by ${who}${on}${comment}`);
        }
        return 0;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        io.err(`audit: ${explain(error)}`);
        return 1;
      }
    });
  },
};
