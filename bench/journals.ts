import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { pino } from "pino";
import { almatyDate } from "../core/calendar/dates.js";
import { diskFileStore } from "../core/files/file-store.js";
import { identify } from "../core/people/users.js";
import { addEntry, type EntryInput } from "../core/registry/entries.js";
import { exportJournal } from "../core/registry/export.js";
import { JOURNAL_PREFIX, JOURNALS, type Journal } from "../core/registry/kinds.js";
import { systemClock } from "../core/shared/clock.js";
import type { Ctx } from "../core/shared/context.js";
import type { Actor } from "../core/shared/roles.js";
import { createInvite } from "../core/staff/invites.js";
import { joinWithInvite } from "../core/staff/join.js";
import { CONSOLE_OPERATOR } from "../core/staff/operator.js";
import { openDatabase, type Database } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import { journalWords } from "../locales/journal-words.js";
import { openBenchDatabase } from "./bench-database.js";

/**
 * The registry's journals (DESIGN §6): registrars add lines to the four journals all at once through
 * the real use case, then the database is checked for what numbering promises (gapless per journal
 * and year, no number twice); then a year of one journal, loaded in bulk, is exported to XLSX while
 * the process's resident memory is sampled. `npm run bench -- journals [ENTRIES] [XLSX_ROWS]`.
 */
const REGISTRARS = 10;
/** Half of them cleared for ДСП: only they add lines to the ДСП journal. */
const CLEARED = 5;
const RSS_SAMPLE_MS = 20;
const MB = 1024 * 1024;

/** The k-th line a registrar adds: each journal's own fields, words of the length clerks write. */
function entry(k: number, journal: Journal): EntryInput {
  const base = { journal, correspondent: `Облыстық сот № ${1 + (k % 17)}`, summary: `Сот ісі бойынша ақпарат сұрау, хат № ${k}, ${1 + (k % 9)} қосымшамен`, pages: 1 + (k % 12) };
  if (journal === "outgoing") return { ...base, dispatch: k % 2 ? { method: "post", postNumber: `RR${100000 + k}KZ` } : { method: "email", address: `kense${k % 50}@sot.kz` } };
  if (journal === "court_cases") return { ...base, direction: k % 2 ? "in" : "out", courtCase: { caseNumber: `2-${1000 + k}/2026`, court: "Астана қаласының Есіл аудандық соты", volumes: 1 + (k % 3) } };
  return base;
}

async function registrars(ctx: Ctx): Promise<Actor[]> {
  const joined: Actor[] = [];
  for (let r = 0; r < REGISTRARS; r++) {
    const { code } = await createInvite(ctx, CONSOLE_OPERATOR, { role: "registrar", unitCode: "document_flow", clearance: r < CLEARED });
    joined.push((await joinWithInvite(ctx, await identify(ctx, { telegramId: 8_800_000 + r }), { code, fullName: `Тіркеуші ${r + 1}` })).actor);
  }
  return joined;
}

/** Every registrar adds their share one line after another; the ten of them at the same time. */
async function addAll(ctx: Ctx, staff: Actor[], entries: number) {
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    staff.map(async (actor, r) => {
      const journals: readonly Journal[] = actor.clearance ? JOURNALS : JOURNALS.filter((j) => j !== "restricted");
      for (let k = r; k < entries; k += staff.length) {
        try {
          await addEntry(ctx, actor, entry(k, journals[Math.floor(k / staff.length) % journals.length]!));
        } catch (error) {
          if (failed++ === 0) console.error("first failure:", error);
        }
      }
    }),
  );
  return { failed, seconds: (performance.now() - started) / 1000 };
}

/** Numbers missing from 1..n of each journal and year (a counter ahead of its lines counts too), and numbers given twice. */
async function numbering(database: Database) {
  const prefixes = sql.join(
    JOURNALS.map((j) => sql`(${j}, ${JOURNAL_PREFIX[j]})`),
    sql`, `,
  );
  const result = await database.db.execute(sql`
    with g as (
      select journal, year, count(*) as n, count(distinct seq) as seqs, count(distinct number) as numbers, max(seq) as hi
      from journal_entries group by journal, year)
    select coalesce(sum(greatest(s.last, g.hi) - g.seqs), 0)::int as gaps, coalesce(sum(2 * g.n - g.seqs - g.numbers), 0)::int as duplicates
    from g join (values ${prefixes}) as p(journal, prefix) on p.journal = g.journal
    left join number_sequences s on s.prefix = p.prefix and s.year = g.year`);
  // postgres.js gives the rows, PGlite a result that holds them.
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { gaps: number; duplicates: number }[];
  return rows[0]!;
}

/** A year of incoming letters, numbered 1..n as registering would have, in one statement. */
async function loadYear(database: Database, year: number, rows: number): Promise<void> {
  const prefix = JOURNAL_PREFIX.incoming;
  await database.db.execute(sql`
    insert into nomenclature_cases (year, index, title, retention_years, holds, created_at)
    values (${year}, '05-12', 'Кіріс хат-хабарды тіркеу журналы', 5, 'incoming', now())`);
  await database.db.execute(sql`
    insert into journal_entries (journal, number, year, seq, entry_date, correspondent, summary, pages, restricted, case_id, created_at, erased_at)
    select 'incoming', ${prefix} || '-' || ${year} || '-' || lpad(g::text, 6, '0'), ${year}, g,
      make_date(${year}, 1, 1) + ((g - 1)::bigint * 365 / ${rows})::int,
      'Облыстық сот № ' || (1 + g % 17), 'Сот ісі бойынша ақпарат сұрау, хат № ' || g || ', ' || (1 + g % 9) || ' қосымшамен, қаралу мерзімі туралы',
      1 + g % 12, g % 50 = 0, (select id from nomenclature_cases where year = ${year} and holds = 'incoming'), now(),
      case when g % 1000 = 0 then now() end
    from generate_series(1, ${rows}) g`);
  await database.db.execute(sql`insert into number_sequences (prefix, year, last) values (${prefix}, ${year}, ${rows})`);
}

/** Lines in the written workbook (the header not counted), read back as a stream. */
async function rowsIn(file: string): Promise<number> {
  let rows = 0;
  for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(file, {})) for await (const row of sheet) if (row.number > 1) rows++;
  return rows;
}

async function exportYear(ctx: Ctx, actor: Actor, year: number, file: string) {
  let peak = process.memoryUsage().rss;
  const before = peak;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), RSS_SAMPLE_MS);
  const started = performance.now();
  try {
    const { rows } = await exportJournal(ctx, actor, { journal: "incoming", from: `${year}-01-01`, to: `${year}-12-31`, language: "ru", words: journalWords }, file);
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    return { rows, seconds, peakMb: peak / MB, beforeMb: before / MB };
  } finally {
    clearInterval(sampler);
  }
}

export async function run(args: string[]): Promise<void> {
  const entries = Number(args[0] ?? process.env.BENCH_JOURNAL_ENTRIES ?? 10_000);
  const xlsxRows = Number(args[1] ?? process.env.BENCH_XLSX_ROWS ?? 100_000);
  const url = process.env.DATABASE_URL;
  const dir = await mkdtemp(path.join(tmpdir(), "otinish-bench-journals-"));
  const bench = url ? await openBenchDatabase("otinish_bench_journals", REGISTRARS) : undefined;
  const database = bench?.database ?? (await openDatabase({ dataDir: path.join(dir, "pglite") }));
  if (!bench) await migrate(database);
  const ctx: Ctx = { db: database.db, clock: systemClock, log: pino({ level: "silent" }), files: diskFileStore(dir) };
  try {
    const staff = await registrars(ctx);
    // The export first, so its memory is not measured on top of what the concurrent adding left behind.
    const year = Number(almatyDate(new Date()).slice(0, 4)) - 1;
    await loadYear(database, year, xlsxRows);
    const file = path.join(dir, "incoming.xlsx");
    const exported = await exportYear(ctx, staff[0]!, year, file);
    const written = await rowsIn(file);
    const size = (await stat(file)).size / MB;
    console.log(
      `exported ${exported.rows} lines of ${year} (${written} read back) in ${exported.seconds.toFixed(1)} s, ${size.toFixed(1)} MB; resident memory ${exported.beforeMb.toFixed(0)} MB before, ${exported.peakMb.toFixed(0)} MB at most`,
    );

    const added = await addAll(ctx, staff, entries);
    const { gaps, duplicates } = await numbering(database);
    const perSecond = (entries - added.failed) / added.seconds;
    console.log(`${database.kind}: ${REGISTRARS} registrars added ${entries - added.failed} lines to ${JOURNALS.length} journals in ${added.seconds.toFixed(1)} s (${added.failed} failed); ${gaps} numbers missing, ${duplicates} given twice`);
    console.log(
      JSON.stringify({
        entries: entries - added.failed,
        entries_per_s: Math.round(perSecond),
        gaps,
        duplicates,
        xlsx_rows: exported.rows,
        xlsx_s: Number(exported.seconds.toFixed(2)),
        xlsx_rss_mb: Math.round(exported.peakMb),
      }),
    );
    if (added.failed > 0 || gaps > 0 || duplicates > 0 || exported.rows !== xlsxRows || written !== xlsxRows) process.exitCode = 1;
  } finally {
    if (bench) await bench.dispose();
    else await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}
