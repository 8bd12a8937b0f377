import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import { pino } from "pino";
import { sendWeeklyDashboards } from "../core/analytics/dashboard.js";
import { figures } from "../core/analytics/figures.js";
import { PERIOD_KINDS, periodAround } from "../core/analytics/period.js";
import { refreshFigures } from "../core/analytics/rollup.js";
import { writeWorkbook } from "../core/analytics/workbook.js";
import type { Scope } from "../core/analytics/scope.js";
import { TIME_ZONE } from "../core/calendar/dates.js";
import { diskFileStore } from "../core/files/file-store.js";
import { ManualClock } from "../core/shared/clock.js";
import type { Ctx } from "../core/shared/context.js";
import type { Actor } from "../core/shared/roles.js";
import { openDatabase, type Database } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import { rowsOf } from "../db/rows.js";
import { units, users } from "../db/schema/index.js";
import { labels } from "../locales/index.js";
import { seedAppealYear } from "../test/support/appeal-year.js";
import { signedUpCitizen, staffMember } from "../test/support/citizens.js";
import { openBenchDatabase, percentile } from "./bench-database.js";

/**
 * The chat's `/stats` summaries at national size (DESIGN §7): a year of 4,400,000 appeals, eOtinish's
 * count for the country, held by 16 sectors of 10 reviewers, written with `seedAppealYear`. Then the
 * daily figures are built from nothing, a day's work (appeals closed, appeals registered) is taken in
 * by the incremental refresh, and every summary the chat offers is timed: the week, month, quarter and
 * year around the year's last day, for the department (the Head), each sector (its head) and a few
 * reviewers (the Head). `npm run bench -- stats [APPEALS]`, or BENCH_STATS_APPEALS.
 */
const NATIONAL_YEAR = 4_400_000;
const SECTORS = 16;
const REVIEWERS_PER_SECTOR = 10;
/** Reviewers whose own figures the Head opens. */
const REVIEWERS_TIMED = 4;
/** Every summary is asked for this many times. */
const ROUNDS = 3;
const YEAR = 2025;
/** The Head's Telegram id: the console command writes the workbook in their name. */
const HEAD_TELEGRAM_ID = 7_700_000;
/** The seeded year's last day: its summaries are the ones read at the year's end. */
const TODAY = `${YEAR}-12-31`;
/** After the seeded year's last decisions (15:00): the first count of the figures. */
const FIRST_COUNT = `${TODAY}T17:00:00+05:00`;
/** The day's work, and the refresh that takes it in. */
const DAY_WORK = `${TODAY}T17:30:00+05:00`;
const DAY_REFRESH = `${TODAY}T18:00:00+05:00`;
/** The Monday of the year's last week: its dashboard is timed. */
const LAST_MONDAY = `${YEAR}-12-29`;
/** A day's work of the country: this many open appeals of the last month decided, as many registered. */
const DAY_CLOSED = 6_000;
const DAY_REGISTERED = 6_000;

interface Sector {
  unitId: number;
  head: Actor;
}

interface Bench {
  database: Database;
  /** The database's URL, on PostgreSQL: the console command connects to it. */
  url?: string;
  ctx: Ctx & { clock: ManualClock };
  appeals: number;
  head: Actor;
  sectors: Sector[];
  reviewers: Actor[];
  citizen: Actor;
}

/** A step measures one thing on the bench's database and gives its figures for the JSON line. */
type Step = (bench: Bench) => Promise<Record<string, number>>;

const seconds = (ms: number) => Number((ms / 1000).toFixed(1));

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

/** The Head, and 16 sectors under the General Department, each with a head and ten reviewers. */
async function staff(ctx: Ctx): Promise<Omit<Bench, "database" | "ctx" | "appeals">> {
  const [department] = await ctx.db.select({ id: units.id }).from(units).where(eq(units.code, "general_department"));
  const head = await staffMember(ctx, HEAD_TELEGRAM_ID, "head");
  await ctx.db.update(users).set({ fullName: "Басшы", unitId: department!.id }).where(eq(users.id, head.userId));
  const sectors: Sector[] = [];
  const reviewers: Actor[] = [];
  for (let s = 1; s <= SECTORS; s++) {
    const sectorHead = await staffMember(ctx, 7_700_000 + s * 100, "reviewer");
    const [unit] = await ctx.db
      .insert(units)
      .values({ code: `stats-sector-${s}`, kind: "sector", parentId: department!.id, nameKk: `${s}-сектор`, nameRu: `Сектор ${s}`, headUserId: sectorHead.userId })
      .returning({ id: units.id });
    await ctx.db.update(users).set({ fullName: `Сектор меңгерушісі ${s}`, unitId: unit!.id }).where(eq(users.id, sectorHead.userId));
    sectors.push({ unitId: unit!.id, head: sectorHead });
    for (let r = 1; r <= REVIEWERS_PER_SECTOR; r++) {
      const reviewer = await staffMember(ctx, 7_700_000 + s * 100 + r, r === REVIEWERS_PER_SECTOR ? "executor" : "reviewer");
      await ctx.db.update(users).set({ fullName: `Қараушы ${s}-${r}`, unitId: unit!.id }).where(eq(users.id, reviewer.userId));
      reviewers.push(reviewer);
    }
  }
  return { head, sectors, reviewers, citizen: await signedUpCitizen(ctx, 7_799_999) };
}

const seedYear: Step = async (bench) => {
  let reported = 0;
  const { ms } = await timed(async () => {
    await seedAppealYear(bench.ctx.db, {
      year: YEAR,
      appeals: bench.appeals,
      holders: bench.reviewers.map((r) => r.userId),
      citizenUserId: bench.citizen.userId,
      progress: (written) => {
        if (written - reported < bench.appeals / 10 && written < bench.appeals) return;
        reported = written;
        console.error(`  ${written.toLocaleString("en")} appeals written`);
      },
    });
    // What autovacuum would have done by the time anyone reads the year: visibility and statistics.
    await bench.ctx.db.execute(sql`vacuum analyze appeals`);
    await bench.ctx.db.execute(sql`vacuum analyze appeal_answers`);
  });
  console.error(`seeded ${bench.appeals.toLocaleString("en")} appeals of ${YEAR} in ${seconds(ms)} s`);
  return { seed_s: seconds(ms) };
};

const buildFigures: Step = async (bench) => {
  bench.ctx.clock.set(FIRST_COUNT);
  const { result, ms } = await timed(() => refreshFigures(bench.ctx));
  const [size] = await rowsOf<{ n: number }>(bench.ctx.db, sql`select count(*)::int as n from appeal_stats_daily`);
  console.error(`first count of the daily figures: ${result.days} days, ${size!.n.toLocaleString("en")} rows, in ${seconds(ms)} s`);
  return { rollup_s: seconds(ms) };
};

/** Open appeals of the last month decided by their holders, and new ones registered, all stamped now. */
async function dayOfWork(bench: Bench): Promise<void> {
  const now = sql`${new Date(DAY_WORK).toISOString()}::timestamptz`;
  await bench.ctx.db.execute(sql`
    with chosen as (
      select id from appeals
      where closed_at is null and holder_user_id is not null and registered_on > ${TODAY}::date - 31
      order by hashtext(id::text) limit ${DAY_CLOSED}
    ), decided as (
      update appeals a set state = case when a.id % 10 = 0 then 'forwarded_external' else 'answered' end, closed_at = ${now}, updated_at = ${now}
      from chosen c where a.id = c.id
      returning a.id, a.state, a.holder_user_id
    )
    insert into appeal_answers (appeal_id, text, outcome, author_user_id, approved_by_user_id, approved_at, created_at)
    select id, 'answered', (array['satisfied','explained','refused'])[1 + id % 3], holder_user_id, ${bench.head.userId}, ${now}, ${now}
    from decided where state = 'answered'`);
  // Today's intake: the first appeals of the year written again as new ones, as registered or assigned.
  await bench.ctx.db.execute(sql`
    insert into appeals (number, prefix, year, seq, draft_id, citizen_user_id, channel, applicant, type, category, text, subject_key, language,
      reply_channel, state, received_at, registered_on, initial_due_on, due_on, forward_due_on, holder_user_id, updated_at)
    select 'ЖТ-' || year || '-' || lpad((seq + ${bench.appeals})::text, 7, '0'), prefix, year, seq + ${bench.appeals}, gen_random_uuid(), citizen_user_id,
      channel, applicant, type, category, text, subject_key, language, reply_channel, case when holder_user_id is null then 'registered' else 'in_review' end,
      ${now}, ${TODAY}, ${TODAY}::date + 31, ${TODAY}::date + 31, ${TODAY}::date + 5, holder_user_id, ${now}
    from appeals where prefix = 'ЖТ' and year = ${YEAR} and seq <= ${DAY_REGISTERED}`);
}

const refreshAfterADay: Step = async (bench) => {
  bench.ctx.clock.set(DAY_WORK);
  await dayOfWork(bench);
  bench.ctx.clock.set(DAY_REFRESH);
  const { result, ms } = await timed(() => refreshFigures(bench.ctx));
  console.error(`a day's work (${DAY_CLOSED} decided, ${DAY_REGISTERED} registered) taken in by a refresh of ${result.days} days in ${seconds(ms)} s`);
  await checkTakenIn(bench);
  return { refresh_s: seconds(ms) };
};

/** The day's figures after the refresh against a direct count of the appeals registered and decided that day. */
async function checkTakenIn(bench: Bench): Promise<void> {
  const day = await figures(bench.ctx, bench.head, { period: { kind: "range", from: TODAY, to: TODAY }, scope: { kind: "department" } });
  const [counted] = await rowsOf<{ received: number; closed: number }>(
    bench.ctx.db,
    sql`select (select count(*)::int from appeals where registered_on = ${TODAY}) as received,
      (select count(*)::int from appeals where closed_at >= ${TODAY}::date::timestamp at time zone ${TIME_ZONE}
        and closed_at < (${TODAY}::date + 1)::timestamp at time zone ${TIME_ZONE}) as closed`,
  );
  const agree = day.received.total === counted!.received && day.closed.total === counted!.closed;
  console.error(`${TODAY} in the figures: ${day.received.total} received, ${day.closed.total} decided; counted directly: ${counted!.received}, ${counted!.closed}`);
  if (!agree) process.exitCode = 1;
}

/** Every summary `/stats` offers at the year's end: each period, for the department, each sector and a few reviewers. */
function summariesOffered(bench: Bench): { who: "department" | "sector" | "reviewer"; actor: Actor; scope: Scope }[] {
  return [
    { who: "department", actor: bench.head, scope: { kind: "department" } },
    ...bench.sectors.map((s) => ({ who: "sector" as const, actor: s.head, scope: { kind: "unit", unitId: s.unitId } as const })),
    ...bench.reviewers
      .filter((_, i) => i % Math.ceil(bench.reviewers.length / REVIEWERS_TIMED) === 0)
      .map((r) => ({ who: "reviewer" as const, actor: bench.head, scope: { kind: "reviewer", userId: r.userId } as const })),
  ];
}

const timeSummaries: Step = async (bench) => {
  const offered = summariesOffered(bench);
  const byKind = new Map<string, number[]>();
  const all: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const { who, actor, scope } of offered) {
      for (const kind of PERIOD_KINDS) {
        const { ms } = await timed(() => figures(bench.ctx, actor, { period: periodAround(kind, TODAY), scope }));
        all.push(ms);
        const key = `${who} ${kind}`;
        byKind.set(key, [...(byKind.get(key) ?? []), ms]);
      }
    }
    console.error(`  round ${round + 1} of ${ROUNDS}: ${offered.length * PERIOD_KINDS.length} summaries`);
  }
  for (const [key, times] of byKind) {
    const sorted = [...times].sort((a, b) => a - b);
    console.error(`${key.padEnd(18)} p50 ${percentile(sorted, 50).toFixed(0).padStart(5)} ms, max ${sorted.at(-1)!.toFixed(0).padStart(5)} ms (${sorted.length} timings)`);
  }
  const p99 = percentile([...all].sort((a, b) => a - b), 99);
  console.error(`every summary: p99 ${p99.toFixed(0)} ms over ${all.length} timings`);
  return { stats_p99_ms: Math.round(p99) };
};

/** The Monday dashboard for every Head, as the job writes it at 09:05 of the year's last Monday. */
const timeDashboard: Step = async (bench) => {
  bench.ctx.clock.set(`${LAST_MONDAY}T09:05:00+05:00`);
  const { result: written, ms } = await timed(() => sendWeeklyDashboards(bench.ctx));
  bench.ctx.clock.set(DAY_REFRESH);
  console.error(`the Monday dashboard: ${written} written in ${ms.toFixed(0)} ms`);
  if (written === 0) throw new Error("no dashboard was written");
  return { dashboard_ms: Math.round(ms) };
};

const MB = 1024 * 1024;
/** How often resident memory is sampled while the workbook is written. */
const RSS_SAMPLE_MS = 20;

/** The console's own Node settings, as `npm run cli` and the image start it (package.json, .ci/release). */
const CONSOLE_NODE_FLAGS = ["--max-semi-space-size=4", "--max-old-space-size=160"];

/**
 * The department's year as the Head's workbook (every appeal a row, over several sheets), written as
 * an operator writes a national year (a chat takes at most 50 MB): `report workbook` at the console,
 * in a process of its own, whose resident memory is read from /proc while it runs. On PGlite, which
 * one process holds, it is written here and this process's memory is read.
 */
const timeWorkbook: Step = async (bench) => {
  const file = path.join(tmpdir(), `otinish-bench-stats-${process.pid}.xlsx`);
  try {
    const { result, ms } = await timed(() => (bench.url ? workbookAtTheConsole(bench.url, file) : workbookHere(bench, file)));
    const size = (await stat(file)).size / MB;
    console.error(`the year's workbook: ${result.rows.toLocaleString("en")} appeals in ${seconds(ms)} s, ${size.toFixed(0)} MB; resident memory ${(result.peakRss / MB).toFixed(0)} MB at most`);
    return { xlsx_s: seconds(ms), xlsx_rss_mb: Math.round(result.peakRss / MB) };
  } finally {
    await rm(file, { force: true });
  }
};

async function workbookAtTheConsole(url: string, file: string): Promise<{ rows: number; peakRss: number }> {
  const args = ["report", "workbook", "--period", String(YEAR), "--as", String(HEAD_TELEGRAM_ID), "--language", "ru", "--out", file];
  const console_ = spawn(process.execPath, [...CONSOLE_NODE_FLAGS, "--import", "tsx", "cli/main.ts", ...args], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let said = "";
  console_.stdout.on("data", (chunk: Buffer) => (said += chunk.toString()));
  let peakRss = 0;
  // VmHWM is the process's own high-water mark, so sampling it misses nothing but the last moments.
  const sampler = setInterval(() => {
    readFile(`/proc/${console_.pid}/status`, "utf8")
      .then((status) => (peakRss = Math.max(peakRss, 1024 * Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0))))
      .catch(() => {});
  }, RSS_SAMPLE_MS);
  const [code] = (await once(console_, "exit")) as [number | null];
  clearInterval(sampler);
  if (code !== 0) throw new Error(`report workbook exited with ${code}`);
  const rows = Number(/: (\d+) appeals/.exec(said)?.[1]);
  return { rows, peakRss };
}

async function workbookHere(bench: Bench, file: string): Promise<{ rows: number; peakRss: number }> {
  const words = labels("ru");
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), RSS_SAMPLE_MS);
  try {
    const { rows } = await writeWorkbook(bench.ctx, bench.head, { period: periodAround("year", TODAY), scope: { kind: "department" }, words: (key) => words(key) }, file);
    return { rows, peakRss: Math.max(peakRss, process.memoryUsage().rss) };
  } finally {
    clearInterval(sampler);
  }
}

/** What is measured, in order, on one database; each step's figures join the JSON line. */
const STEPS: Step[] = [seedYear, buildFigures, refreshAfterADay, timeSummaries, timeDashboard, timeWorkbook];

export async function run(args: string[]): Promise<void> {
  const appeals = Number(args[0] ?? process.env.BENCH_STATS_APPEALS ?? NATIONAL_YEAR);
  const url = process.env.DATABASE_URL;
  const dir = await mkdtemp(path.join(tmpdir(), "otinish-bench-stats-"));
  const bench = url ? await openBenchDatabase("otinish_bench_stats", 4) : undefined;
  const database = bench?.database ?? (await openDatabase({ dataDir: path.join(dir, "pglite") }));
  if (!bench) await migrate(database);
  const ctx = { db: database.db, clock: new ManualClock(FIRST_COUNT), log: pino({ level: "silent" }), files: diskFileStore(dir) };
  try {
    const state: Bench = { database, url: bench?.url, ctx, appeals, ...(await staff(ctx)) };
    console.error(`${database.kind}: ${SECTORS} sectors of ${REVIEWERS_PER_SECTOR}, a year of ${appeals.toLocaleString("en")} appeals`);
    let measured: Record<string, number> = {};
    for (const step of STEPS) measured = { ...measured, ...(await step(state)) };
    console.log(JSON.stringify({ bench: "stats", database: database.kind, appeals, ...measured }));
  } finally {
    if (bench) await bench.dispose();
    else await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}
