import { parsePeriod } from "../../core/analytics/period.js";
import type { Scope } from "../../core/analytics/scope.js";
import { writeWorkbook } from "../../core/analytics/workbook.js";
import { actorByTelegramId } from "../../core/people/users.js";
import { isDomainError } from "../../core/shared/errors.js";
import type { Ctx } from "../../core/shared/context.js";
import { unitByCode } from "../../core/staff/units.js";
import { labels } from "../../locales/index.js";
import { type CliCommand, parseCommandLine, usageError } from "../command.js";
import { withCore } from "../open-core.js";
import { explain } from "./explain.js";

const USAGE = "report workbook --period 2026|2026-Q4|2026-11|2026-10-01..2026-12-31 --as TELEGRAM_ID [--unit CODE | --reviewer TELEGRAM_ID] [--language kk|ru] [--out FILE.xlsx]";

/** Whose figures: the department unless a unit or a reviewer is named; null when the name is nobody's. */
async function scopeFrom(ctx: Ctx, values: { unit?: string; reviewer?: string }): Promise<Scope | null> {
  if (values.unit) {
    const unit = await unitByCode(ctx.db, values.unit);
    return unit ? { kind: "unit", unitId: unit.id } : null;
  }
  if (values.reviewer) {
    const reviewer = await actorByTelegramId(ctx, Number(values.reviewer));
    return reviewer ? { kind: "reviewer", userId: reviewer.userId } : null;
  }
  return { kind: "department" };
}

/**
 * A summary's workbook at the console, for a period too big for a chat document (Telegram takes at
 * most 50 MB): the same tables and appeal list the chat sends, read as the staff member behind --as
 * may read them, streamed to the file.
 */
export const reportWorkbookCommand: CliCommand = {
  name: "workbook",
  usage: USAGE,
  summary: "a summary's XLSX workbook (tables and the period's appeals) of any size, streamed to a file",
  async run(args, io) {
    const parsed = parseCommandLine(io, "report workbook", USAGE, args, {
      period: { type: "string" },
      as: { type: "string" },
      unit: { type: "string" },
      reviewer: { type: "string" },
      language: { type: "string" },
      out: { type: "string" },
    });
    if (typeof parsed === "number") return parsed;
    const { positionals, values } = parsed;
    const problem = (text: string) => usageError(io, "report workbook", USAGE, text);
    if (positionals.length > 0) return problem("too many arguments");
    if (!values.period) return problem("--period names the period, like 2026-Q4");
    const telegramId = Number(values.as);
    if (!Number.isSafeInteger(telegramId) || telegramId < 1) return problem("--as needs the Telegram id of the staff member who reads the figures");
    if (values.unit && values.reviewer) return problem("name a unit or a reviewer, not both");
    if (values.language !== undefined && values.language !== "kk" && values.language !== "ru") return problem("--language is kk or ru");
    return withCore(io.config, async (ctx) => {
      try {
        const period = parsePeriod(values.period!);
        const reader = await actorByTelegramId(ctx, telegramId);
        const scope = await scopeFrom(ctx, values);
        if (!reader || !scope) {
          io.err(`report workbook: ${!reader ? "no one with this Telegram id has used the bot" : "no such unit or reviewer"}`);
          return 1;
        }
        const out = values.out ?? `stats-${period.from}-${period.to}.xlsx`;
        const words = labels(values.language === "ru" || (!values.language && reader.language === "ru") ? "ru" : "kk");
        const { rows } = await writeWorkbook(ctx, reader, { period, scope, words: (key) => words(key) }, out);
        io.out(`workbook ${period.from}..${period.to}: ${rows} appeals, written to ${out}`);
        return 0;
      } catch (error) {
        if (isDomainError(error)) io.err(`report workbook: ${explain(error)}`);
        else if ((error as NodeJS.ErrnoException).syscall) io.err(`report workbook: cannot write the file: ${(error as Error).message}`);
        else throw error;
        return 1;
      }
    });
  },
};
