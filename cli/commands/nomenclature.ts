import { readFile } from "node:fs/promises";
import { NomenclatureFileError, parseNomenclatureFile } from "../../core/registry/nomenclature-file.js";
import { currentYear, importNomenclature, showNomenclature } from "../../core/registry/nomenclature.js";
import { isDomainError } from "../../core/shared/errors.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { labels } from "../../locales/index.js";
import { type CliCommand, type CliIo, parseCommandLine, usageError } from "../command.js";
import { withCore } from "../open-core.js";
import { explain } from "./explain.js";

const USAGE = "nomenclature import FILE.csv [--year YYYY] | nomenclature show [--year YYYY]";

export const nomenclatureCommand: CliCommand = {
  name: "nomenclature",
  usage: USAGE,
  summary: "the nomenclature of cases of a year (default: this year): load it from a file; list its cases with their records",
  async run(args, io) {
    const parsed = parseCommandLine(io, "nomenclature", USAGE, args, { year: { type: "string" } });
    if (typeof parsed === "number") return parsed;
    const { positionals, values } = parsed;
    const [action, file, ...extra] = positionals;
    if (values.year !== undefined && !/^20\d\d$/.test(values.year)) return usageError(io, "nomenclature", USAGE, `--year is four digits, like 2026, not "${values.year}"`);
    const year = values.year === undefined ? undefined : Number(values.year);
    if (action === "import" && file !== undefined && extra.length === 0) return importFile(file, year, io);
    if (action === "show" && file === undefined) return show(year, io);
    return usageError(io, "nomenclature", USAGE, action === "import" || action === "show" ? "wrong arguments" : `unknown action "${action ?? ""}"`);
  },
};

async function importFile(file: string, year: number | undefined, io: CliIo): Promise<number> {
  if (!file.toLowerCase().endsWith(".csv")) return usageError(io, "nomenclature", USAGE, `${file}: the file name must end in .csv`);
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    return usageError(io, "nomenclature", USAGE, `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  let rows;
  try {
    rows = parseNomenclatureFile(text);
  } catch (error) {
    if (!(error instanceof NomenclatureFileError)) throw error;
    io.err(`nomenclature import: ${file}: ${explain(error)}`);
    const label = labels("en");
    for (const p of error.problems) io.err(`  line ${p.line}: ${label(`nomenclature.file.${p.problem}`, p.params)}`);
    return 1;
  }
  return withCore(io.config, async (ctx) => {
    try {
      const r = await importNomenclature(ctx, CONSOLE_OPERATOR, { year: year ?? currentYear(ctx), rows });
      io.out(`${r.year}: ${count(r.added.length, "case")} added, ${r.updated.length} updated${r.removed.length ? `, ${r.removed.length} removed (${r.removed.join(", ")})` : ""}`);
      if (r.kept.length > 0) io.out(`kept, not in the file but holding records or named in an act: ${r.kept.join(", ")}`);
      if (r.filed.appeals + r.filed.entries > 0) io.out(`filed ${count(r.filed.appeals, "appeal")} and ${count(r.filed.entries, "journal line")} registered before the nomenclature`);
      return 0;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      io.err(`nomenclature import: ${explain(error)}`);
      return 1;
    }
  });
}

async function show(year: number | undefined, io: CliIo): Promise<number> {
  return withCore(io.config, async (ctx) => {
    const shownYear = year ?? currentYear(ctx);
    const cases = await showNomenclature(ctx, CONSOLE_OPERATOR, { year: shownYear });
    if (cases.length === 0) io.out(`no nomenclature for ${shownYear}: import one with nomenclature import FILE.csv --year ${shownYear}`);
    for (const c of cases) {
      const term = c.retentionYears === null ? "permanent" : `${c.retentionYears} years`;
      const basis = c.articles ? ` (${c.articles})` : "";
      const holds = c.holds ? `  [${c.holds}]` : "";
      io.out(`${c.index}  ${c.title}  ${term}${basis}${holds}  appeals ${c.appeals}, journal lines ${c.entries}`);
    }
    return 0;
  });
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
