import { isIsoDate } from "../../core/calendar/dates.js";
import { EXPORT_LANGUAGES, type ExportLanguage } from "../../core/registry/export-columns.js";
import { exportJournal } from "../../core/registry/export.js";
import { JOURNALS, type Journal } from "../../core/registry/kinds.js";
import { isDomainError } from "../../core/shared/errors.js";
import type { Actor } from "../../core/shared/roles.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { journalWords } from "../../locales/journal-words.js";
import { type CliCommand, parseCommandLine, usageError } from "../command.js";
import { withCore } from "../open-core.js";
import { explain } from "./explain.js";

const USAGE = `journal-export ${JOURNALS.join("|")} --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx [--lang kk|ru] [--restricted]`;

/**
 * The console exports as the Document Flow sector does: whoever runs it holds the database anyway.
 * It is not cleared for ДСП unless the command line says --restricted, so no export carries ДСП
 * lines (or opens the ДСП journal) without someone having asked for them in so many words.
 */
export function consoleRegistry(restricted: boolean): Actor {
  return { ...CONSOLE_OPERATOR, role: "registrar", clearance: restricted };
}

export const journalExportCommand: CliCommand = {
  name: "journal-export",
  usage: USAGE,
  summary: "a registry journal's lines of a period as an XLSX workbook (ДСП lines only with --restricted)",
  async run(args, io) {
    const parsed = parseCommandLine(io, "journal-export", USAGE, args, {
      from: { type: "string" },
      to: { type: "string" },
      out: { type: "string" },
      lang: { type: "string", default: "kk" },
      restricted: { type: "boolean", default: false },
    });
    if (typeof parsed === "number") return parsed;
    const { positionals, values } = parsed;
    const [journal, ...extra] = positionals;
    const problem = (text: string) => usageError(io, "journal-export", USAGE, text);
    if (extra.length > 0) return problem("too many arguments");
    if (!JOURNALS.includes(journal as Journal)) return problem(`name a journal: ${JOURNALS.join(", ")}`);
    if (!values.from || !isIsoDate(values.from) || !values.to || !isIsoDate(values.to)) return problem("--from and --to need dates as YYYY-MM-DD");
    if (!values.out) return problem("--out needs the workbook's file name");
    if (!EXPORT_LANGUAGES.includes(values.lang as ExportLanguage)) return problem("--lang is kk or ru");
    const input = { journal: journal as Journal, from: values.from, to: values.to, language: values.lang as ExportLanguage, words: journalWords };
    return withCore(io.config, async (ctx) => {
      try {
        const { rows } = await exportJournal(ctx, consoleRegistry(values.restricted), input, values.out!);
        const lines = `${rows} ${rows === 1 ? "line" : "lines"}${values.restricted ? ", ДСП lines included" : ", ДСП lines left out"}`;
        io.out(`${journal} ${values.from}..${values.to}: ${lines}, written to ${values.out}`);
        return 0;
      } catch (error) {
        if (isDomainError(error)) io.err(`journal-export: ${explain(error)}`);
        else if ((error as NodeJS.ErrnoException).syscall) io.err(`journal-export: cannot write ${values.out}: ${(error as Error).message}`);
        else throw error;
        return 1;
      }
    });
  },
};
