import { setUnitHead } from "../../core/control/heads.js";
import { listControl } from "../../core/control/items.js";
import { isDomainError } from "../../core/shared/errors.js";
import { userIdByTelegramId } from "../../core/staff/delegations.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { type CliCommand, parseCommandLine, usageError } from "../command.js";
import { withCore } from "../open-core.js";
import { explain } from "./explain.js";

const USAGE = "control list [--overdue] | control head --unit CODE (--telegram ID | --clear)";

export const controlCommand: CliCommand = {
  name: "control",
  usage: USAGE,
  summary: "control documents (Reg. 7.1.8): each executor's item by due date; who heads a unit",
  async run(args, io) {
    const parsed = parseCommandLine(io, "control", USAGE, args, { overdue: { type: "boolean" }, unit: { type: "string" }, telegram: { type: "string" }, clear: { type: "boolean" } });
    if (typeof parsed === "number") return parsed;
    const { positionals, values } = parsed;
    const [action, ...extra] = positionals;
    if (extra.length > 0) return usageError(io, "control", USAGE, "too many arguments");

    if (action === "list") {
      return withCore(io.config, async (ctx) => {
        const rows = await listControl(ctx, CONSOLE_OPERATOR, { overdue: values.overdue ?? false });
        if (rows.length === 0) io.out(values.overdue ? "no overdue control items" : "no control items");
        for (const r of rows) {
          const progress = r.state === "executed" ? `executed ${r.executedOn} (${r.executedOn! <= r.dueOn ? "on time" : "late"})` : r.overdue ? `${r.state}, OVERDUE` : r.state;
          io.out(`${r.number}  due ${r.dueOn}  ${r.executor}${r.unitCode ? ` (${r.unitCode})` : ""}  ${r.source}  ${progress}`);
        }
        return 0;
      });
    }

    if (action !== "head") return usageError(io, "control", USAGE, `unknown action "${action ?? ""}"`);
    const telegramId = Number(values.telegram);
    if (!values.unit) return usageError(io, "control", USAGE, "--unit needs the unit's code (see: unit list)");
    if (Boolean(values.clear) === (values.telegram !== undefined)) return usageError(io, "control", USAGE, "give either --telegram ID or --clear");
    if (!values.clear && (!Number.isSafeInteger(telegramId) || telegramId < 1)) return usageError(io, "control", USAGE, "--telegram needs the head's Telegram id");
    return withCore(io.config, async (ctx) => {
      try {
        const userId = values.clear ? null : await userIdByTelegramId(ctx.db, telegramId);
        if (!values.clear && userId === null) {
          io.err("control head: no one with this Telegram id has used the bot");
          return 1;
        }
        await setUnitHead(ctx, CONSOLE_OPERATOR, { unitCode: values.unit!, userId });
        io.out(userId === null ? `${values.unit}: no head named` : `${values.unit}: head set`);
        return 0;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        io.err(`control head: ${explain(error)}`);
        return 1;
      }
    });
  },
};
