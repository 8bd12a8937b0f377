import { writeFile } from "node:fs/promises";
import { legalStatistics, type LegalStatistics } from "../../core/analytics/legal-stats.js";
import { renderLegalStatsPdf } from "../../core/analytics/legal-stats-pdf.js";
import { legalStatsSheet, REPORT_LANGUAGES, type ReportLanguage } from "../../core/analytics/legal-stats-sheet.js";
import { renderLegalStatsXlsx } from "../../core/analytics/legal-stats-xlsx.js";
import { parsePeriod, type Period } from "../../core/analytics/period.js";
import { actorByTelegramId } from "../../core/people/users.js";
import { isDomainError } from "../../core/shared/errors.js";
import { type CliCommand, type CliIo, parseCommandLine, usageError } from "../command.js";
import { withCore } from "../open-core.js";
import { explain } from "./explain.js";

const FORMATS = ["pdf", "xlsx"] as const;
type Format = (typeof FORMATS)[number];
const USAGE = "report legal-stats --period 2026|2026-Q4|2026-11|2026-10-01..2026-12-31 --as TELEGRAM_ID [--format pdf|xlsx] [--language kk|ru] [--out FILE]";

/** The totals as an operator checks them before sending the file on. */
function printTotals(io: Pick<CliIo, "out">, s: LegalStatistics): void {
  const line = (name: string, value: number | string) => io.out(`  ${name.padEnd(28)} ${value}`);
  line("pending at the start", s.pendingAtStart);
  line("received", s.received.total);
  line("  by type", Object.entries(s.received.type).map(([k, n]) => `${k} ${n}`).join(", "));
  line("  by channel", Object.entries(s.received.channel).map(([k, n]) => `${k} ${n}`).join(", "));
  line("decided", s.decided.total);
  line("  by outcome", Object.entries(s.decided.outcome).map(([k, n]) => `${k} ${n}`).join(", "));
  line("  reviewed, of them late", `${s.decided.reviewed}, ${s.decided.late}`);
  line("pending at the end", s.pendingAtEnd);
  io.out(`totals agree: ${s.checks.map((c) => `${c.left} ${c.relation} ${c.right}`).join("; ")}`);
}

const defaultFile = (text: string, format: Format) => `legal-stats-${text.trim().replace(/\.\./, "_")}.${format}`;

/**
 * `npm run cli -- report legal-stats …`: the statistics of appeals of a period for the legal
 * statistics body, as a PDF or a workbook, made in the name of the staff member behind --as (who
 * must be allowed to read the department's figures); the file and the totals, or why not.
 */
export const reportLegalStatsCommand: CliCommand = {
  name: "legal-stats",
  usage: USAGE,
  summary: "the statistics of appeals of a period for the legal statistics body, as PDF or XLSX with its totals checked",
  async run(args, io) {
    const parsed = parseCommandLine(io, "report legal-stats", USAGE, args, {
      period: { type: "string" },
      as: { type: "string" },
      format: { type: "string", default: "pdf" },
      language: { type: "string" },
      out: { type: "string" },
    });
    if (typeof parsed === "number") return parsed;
    const { positionals, values } = parsed;
    const problem = (text: string) => usageError(io, "report legal-stats", USAGE, text);
    if (positionals.length > 0) return problem("too many arguments");
    if (!values.period) return problem("--period needs the period: 2026, 2026-Q4, 2026-11 or 2026-10-01..2026-12-31");
    let period: Period;
    try {
      period = parsePeriod(values.period);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return problem(explain(error));
    }
    const telegramId = Number(values.as);
    if (!values.as || !Number.isSafeInteger(telegramId) || telegramId < 1) return problem("--as needs the Telegram id of the staff member making the report");
    if (!FORMATS.includes(values.format as Format)) return problem("--format is pdf or xlsx");
    if (values.language !== undefined && !REPORT_LANGUAGES.includes(values.language as ReportLanguage)) return problem("--language is kk or ru");
    const format = values.format as Format;
    const file = values.out ?? defaultFile(values.period, format);

    return withCore(io.config, async (ctx) => {
      try {
        const actor = await actorByTelegramId(ctx, telegramId);
        if (!actor) {
          io.err("report: no one with this Telegram id has used the bot");
          return 1;
        }
        const statistics = await legalStatistics(ctx, actor, { period });
        const sheet = await legalStatsSheet(ctx, actor, { statistics, language: values.language as ReportLanguage | undefined });
        await writeFile(file, format === "pdf" ? await renderLegalStatsPdf(sheet) : await renderLegalStatsXlsx(sheet));
        io.out(`legal-stats ${period.from}..${period.to} (${sheet.language}) written to ${file}`);
        printTotals(io, statistics);
        return 0;
      } catch (error) {
        if (isDomainError(error)) io.err(`report legal-stats: ${explain(error)}`);
        else if ((error as NodeJS.ErrnoException).syscall) io.err(`report legal-stats: cannot write ${file}: ${(error as Error).message}`);
        else throw error;
        return 1;
      }
    });
  },
};
