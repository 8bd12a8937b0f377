import { writeFile } from "node:fs/promises";
import { parsePeriod } from "../../core/analytics/period.js";
import { practiceNote } from "../../core/analytics/practice-note.js";
import { noteLanguage, periodCode, renderPracticeNote } from "../../core/analytics/practice-note-pdf.js";
import { ANSWER_LANGUAGES, type AnswerLanguage } from "../../core/appeals/kinds.js";
import { actorByTelegramId } from "../../core/people/users.js";
import { isDomainError } from "../../core/shared/errors.js";
import { type CliCommand, parseCommandLine, usageError } from "../command.js";
import { withCore } from "../open-core.js";
import { explain } from "./explain.js";

const USAGE = "report practice --period 2026-Q4 --as TELEGRAM_ID [--language kk|ru] [--out FILE.pdf]";

/**
 * The draft note generalising the practice of a period as a PDF, read as the staff member named by
 * --as reads it: their permission, their clearance for ДСП numbers, their language unless told.
 */
export const reportPracticeCommand: CliCommand = {
  name: "practice",
  usage: USAGE,
  summary: "the draft note generalising the practice of a period's appeals, as a PDF",
  async run(args, io) {
    const parsed = parseCommandLine(io, "report practice", USAGE, args, { period: { type: "string" }, as: { type: "string" }, language: { type: "string" }, out: { type: "string" } });
    if (typeof parsed === "number") return parsed;
    const { positionals, values } = parsed;
    const problem = (text: string) => usageError(io, "report practice", USAGE, text);
    if (positionals.length > 0) return problem("too many arguments");
    if (!values.period) return problem("--period names the period, like 2026-Q4");
    const telegramId = Number(values.as);
    if (!Number.isSafeInteger(telegramId) || telegramId < 1) return problem("--as needs the Telegram id of the staff member who reads the note");
    if (values.language !== undefined && !ANSWER_LANGUAGES.includes(values.language as AnswerLanguage)) return problem("--language is kk or ru");
    return withCore(io.config, async (ctx) => {
      try {
        const period = parsePeriod(values.period!);
        // Only someone who has used the bot: looking them up must not create a person.
        const reader = await actorByTelegramId(ctx, telegramId);
        if (!reader) {
          io.err("report practice: no one with this Telegram id has used the bot");
          return 1;
        }
        const note = await practiceNote(ctx, reader, { period });
        const { pdf } = await renderPracticeNote(ctx.db, note, (values.language as AnswerLanguage | undefined) ?? noteLanguage(reader.language));
        const out = values.out ?? `practice-note-${periodCode(period)}.pdf`;
        try {
          await writeFile(out, pdf);
        } catch (error) {
          io.err(`report practice: cannot write ${out}: ${(error as Error).message}`);
          return 1;
        }
        const restricted = note.restricted === 0 ? "" : reader.clearance ? `, ${note.restricted} ДСП shown by number` : `, ${note.restricted} ДСП counted, not named`;
        io.out(`practice note ${period.from}..${period.to}: ${note.total} appeals${restricted}, written to ${out}`);
        return 0;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        io.err(`report practice: ${explain(error)}`);
        return 1;
      }
    });
  },
};
