import { isIsoDate } from "../../core/calendar/dates.js";
import { listDelegations, periodOfDays, revokeDelegation, setActingHead, userIdByTelegramId } from "../../core/staff/delegations.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { isDomainError } from "../../core/shared/errors.js";
import { type CliCommand, parseCommandLine, usageError } from "../command.js";
import { withCore } from "../open-core.js";
import { explain } from "./explain.js";

const USAGE = "acting set --deputy TELEGRAM_ID --from YYYY-MM-DD --to YYYY-MM-DD | acting list | acting revoke ID";

export const actingCommand: CliCommand = {
  name: "acting",
  usage: USAGE,
  summary: "the Acting Head (Reg. 13–14): a deputy signs for the Head over whole Almaty days",
  async run(args, io) {
    const parsed = parseCommandLine(io, "acting", USAGE, args, { deputy: { type: "string" }, from: { type: "string" }, to: { type: "string" } });
    if (typeof parsed === "number") return parsed;
    const { positionals, values } = parsed;
    const [action, ...rest] = positionals;

    if (action === "list") {
      if (rest.length > 0) return usageError(io, "acting", USAGE, "too many arguments");
      return withCore(io.config, async (ctx) => {
        const rows = await listDelegations(ctx, CONSOLE_OPERATOR);
        if (rows.length === 0) io.out("no current or planned delegations");
        for (const d of rows) {
          io.out(`${d.id}  ${d.startsAt.toISOString()} – ${d.endsAt.toISOString()}  ${d.deputyName ?? "?"} (telegram ${d.deputyTelegramId}) for ${d.headName ?? "?"}`);
        }
        return 0;
      });
    }

    if (action === "revoke") {
      const id = Number(rest[0]);
      if (rest.length !== 1 || !Number.isInteger(id) || id < 1) return usageError(io, "acting", USAGE, "revoke needs one delegation ID (see: acting list)");
      return withCore(io.config, async (ctx) => {
        try {
          await revokeDelegation(ctx, CONSOLE_OPERATOR, { delegationId: id });
          io.out(`delegation ${id} revoked`);
          return 0;
        } catch (error) {
          if (!isDomainError(error)) throw error;
          io.err(`acting revoke: ${explain(error)}`);
          return 1;
        }
      });
    }

    if (action !== "set") return usageError(io, "acting", USAGE, `unknown action "${action ?? ""}"`);
    if (rest.length > 0) return usageError(io, "acting", USAGE, "too many arguments");
    const telegramId = Number(values.deputy);
    if (!Number.isSafeInteger(telegramId) || telegramId < 1) return usageError(io, "acting", USAGE, "--deputy needs the deputy's Telegram id");
    if (!values.from || !isIsoDate(values.from) || !values.to || !isIsoDate(values.to)) return usageError(io, "acting", USAGE, "--from and --to need dates as YYYY-MM-DD");
    const period = periodOfDays(values.from, values.to);
    return withCore(io.config, async (ctx) => {
      try {
        const deputyUserId = await userIdByTelegramId(ctx.db, telegramId);
        if (deputyUserId === null) {
          io.err("acting set: no one with this Telegram id has used the bot");
          return 1;
        }
        const d = await setActingHead(ctx, CONSOLE_OPERATOR, { deputyUserId, ...period });
        io.out(`delegation ${d.id}: the deputy acts for the Head from ${d.startsAt.toISOString()} until ${d.endsAt.toISOString()}`);
        return 0;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        io.err(`acting set: ${explain(error)}`);
        return 1;
      }
    });
  },
};

