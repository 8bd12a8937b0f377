import { z } from "zod";
import { csvCells } from "../shared/csv.js";
import { DomainError } from "../shared/errors.js";
import { CASE_HOLDS, type CaseHolds } from "./kinds.js";

/**
 * A year's nomenclature as the sector keeps it in a spreadsheet: CSV with the header
 * `index,title,retention_years,articles,holds`, one case a line. Lines starting with `#` are notes
 * (where a period comes from) and blank lines are skipped. `retention_years` is a whole number of
 * years or `permanent`; `holds` names what is filed there by default (`incoming`, `outgoing`,
 * `court_cases`, `restricted`, `appeals`) or is empty.
 */
export const NOMENCLATURE_COLUMNS = ["index", "title", "retention_years", "articles", "holds"] as const;
export const PERMANENT = "permanent";

export interface NomenclatureRow {
  /** Where the case is in the file, counted as an editor counts lines (the header is line 1 when first). */
  line: number;
  index: string;
  title: string;
  /** Null: kept permanently. */
  retentionYears: number | null;
  articles: string | null;
  holds: CaseHolds | null;
}

/** What is wrong on one line: `problem` names a text under `nomenclature.file.` in the locales. */
export interface FileProblem {
  line: number;
  problem: string;
  params?: Record<string, string | number>;
}

/** The whole file is refused; each problem names its line. */
export class NomenclatureFileError extends DomainError {
  readonly problems: FileProblem[];

  constructor(problems: FileProblem[]) {
    super("nomenclature_file_refused", { count: problems.length });
    this.problems = problems;
  }
}

const oneLine = (max: number) => z.string().trim().max(max).regex(/^\P{Cc}*$/u);

const rowSchema = z.object({
  // 01-05, 02-01.1: digits and letters in groups; how the department numbers its cases.
  index: z.string().trim().regex(/^[\p{L}\d]{1,6}([-./][\p{L}\d]{1,6}){0,3}$/u),
  title: oneLine(500).min(1),
  retention_years: z
    .string()
    .trim()
    .transform((v) => (v.toLowerCase() === PERMANENT ? null : /^\d{1,3}$/.test(v) ? Number(v) : Number.NaN))
    .pipe(z.number().int().min(1).max(100).nullable()),
  articles: oneLine(200).transform((v) => v || null),
  holds: z
    .string()
    .trim()
    .transform((v) => v || null)
    .pipe(z.enum(CASE_HOLDS).nullable()),
});

export function parseNomenclatureFile(text: string): NomenclatureRow[] {
  const problems: FileProblem[] = [];
  const rows: NomenclatureRow[] = [];
  let header = false;
  // Spreadsheets save UTF-8 with a byte-order mark.
  text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      if (raw.trim() === "" || raw.trimStart().startsWith("#")) return;
      const cells = csvCells(raw);
      if (!header) {
        header = true;
        if (cells?.map((c) => c.toLowerCase()).join(",") !== NOMENCLATURE_COLUMNS.join(","))
          problems.push({ line, problem: "header", params: { expected: NOMENCLATURE_COLUMNS.join(",") } });
        return;
      }
      if (!cells) return void problems.push({ line, problem: "quote" });
      // Empty trailing cells may be left out, as spreadsheets do.
      if (cells.length < 3 || cells.length > NOMENCLATURE_COLUMNS.length) return void problems.push({ line, problem: "columns", params: { found: cells.length } });
      const parsed = rowSchema.safeParse(Object.fromEntries(NOMENCLATURE_COLUMNS.map((name, c) => [name, cells[c] ?? ""])));
      if (!parsed.success) {
        for (const field of new Set(parsed.error.issues.map((issue) => String(issue.path[0])))) problems.push({ line, problem: field });
        return;
      }
      const { index, title, retention_years: retentionYears, articles, holds } = parsed.data;
      rows.push({ line, index, title, retentionYears, articles, holds });
    });
  problems.push(...repeats(rows, "index"), ...repeats(rows, "holds"));
  if (problems.length === 0 && rows.length === 0) problems.push({ line: 1, problem: "empty" });
  if (problems.length > 0) throw new NomenclatureFileError(problems.sort((a, b) => a.line - b.line));
  return rows;
}

/** One index per case, and one case per kind of record filed by default. */
function repeats(rows: NomenclatureRow[], field: "index" | "holds"): FileProblem[] {
  const first = new Map<string, number>();
  const found: FileProblem[] = [];
  for (const row of rows) {
    const value = row[field];
    if (value === null) continue;
    const earlier = first.get(value);
    if (earlier === undefined) first.set(value, row.line);
    else found.push({ line: row.line, problem: `${field}_twice`, params: { value, first: earlier } });
  }
  return found;
}
