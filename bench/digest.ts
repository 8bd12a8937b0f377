import { tmpdir } from "node:os";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { pino } from "pino";
import { sql, type SQL } from "drizzle-orm";
import { writeLastDaysReminders, writeOverdueNotices } from "../core/appeals/deadline-reminders.js";
import { digestQuery, morningDigests, writeMorningDigests, type Digest } from "../core/appeals/digest.js";
import { reminderDay } from "../core/appeals/reminder-day.js";
import { diskFileStore } from "../core/files/file-store.js";
import { ManualClock } from "../core/shared/clock.js";
import type { Ctx } from "../core/shared/context.js";
import { rowsOf } from "../db/rows.js";
import { openBenchDatabase, percentile } from "./bench-database.js";

/**
 * The morning jobs on PostgreSQL at the department's scale and at the country's: by default
 * 1,000,000 appeals, of which a tenth open, held by 360 reviewers and executors; `--appeals 4400000`
 * loads eOtinish's national year. Each job (overdue notices, last-days reminders, digests) runs on
 * a Wednesday morning and again, as a restart would run it; the digest is also computed alone
 * several times. Then the plans of the digest's and the overdue job's reads are shown.
 */
function appealsAsked(args: string[]): number {
  const at = args.indexOf("--appeals");
  return Number(at >= 0 ? args[at + 1] : (process.env.BENCH_APPEALS ?? 1_000_000));
}
const CITIZENS = 20_000;
/** Reviewers and executors who hold appeals; then registrars, two deputies and the Head. */
const HOLDERS = 360;
/** Appeals a year's numbering takes, so that numbers keep their six digits. */
const PER_YEAR = 500_000;
const ROUNDS = 5;
/** A Wednesday in a month without holidays, at 09:00 in Almaty. */
const MORNING = "2026-04-15T09:00:00+05:00";
const TODAY = "2026-04-15";

/** Bulk-loaded in SQL: one statement per table, as a migration of old records would be. */
async function load(client: postgres.Sql, appeals: number, open: number): Promise<void> {
  await client.unsafe(`insert into users (telegram_id, role, language, created_at)
    select 5000000 + g, 'citizen', 'kk', now() from generate_series(1, ${CITIZENS}) g`);
  await client.unsafe(`insert into users (telegram_id, role, language, full_name, created_at)
    select 6000000 + g,
      case when g <= 300 then 'reviewer' when g <= ${HOLDERS} then 'executor' when g <= ${HOLDERS + 20} then 'registrar' when g <= ${HOLDERS + 22} then 'deputy' else 'head' end,
      case when g % 3 = 0 then 'kk' else 'ru' end, 'Staff ' || g, now()
    from generate_series(1, ${HOLDERS + 23}) g`);
  // The last `open` appeals are open: deadlines from 6 days ago to 4 weeks ahead; 1 in 10 not yet
  // classified (no holder), 1 in 100 awaiting approval, 1 in 50 restricted.
  await client.unsafe(`insert into appeals (number, prefix, year, seq, draft_id, citizen_user_id, applicant, type, text, subject_key,
      language, reply_channel, state, received_at, registered_on, initial_due_on, due_on, forward_due_on, holder_user_id, restricted, closed_at, updated_at)
    select 'ЖТ-' || x.y || '-' || lpad(x.seq::text, 6, '0'), 'ЖТ', x.y, x.seq, gen_random_uuid(), c.first + g % ${CITIZENS}, '{}'::jsonb,
      (array['application','complaint','proposal','response','request','report'])[1 + g % 6],
      'Сот отырысының күнін хабарлауыңызды сұраймын.', 'сот отырыс күн', case when g % 3 = 0 then 'kk' else 'ru' end, 'chat',
      case when not x.open then 'answered' when g % 10 = 0 then 'registered' when g % 100 = 1 then 'awaiting_approval'
        when g % 10 = 2 then 'forwarded_internal' else 'in_review' end,
      x.due - 21, x.due - 21, x.due, x.due, x.due - 18,
      case when x.open and g % 10 <> 0 then s.first + g % ${HOLDERS} end,
      g % 50 = 0,
      case when not x.open then x.due::timestamptz end,
      now()
    from generate_series(1, ${appeals}) g
    cross join lateral (select g > ${appeals - open} as open, 2018 + (g - 1) / ${PER_YEAR} as y, (g - 1) % ${PER_YEAR} + 1 as seq,
      case when g > ${appeals - open} then date '${TODAY}' + ((g::bigint * 7919) % 34 - 6)::int else date '${TODAY}' - 30 - (g % 3000) end as due) x
    cross join (select min(id) as first from users where role = 'citizen') c
    cross join (select min(id) as first from users where telegram_id > 6000000) s`);
  await client.unsafe("vacuum analyze appeals");
  await client.unsafe("analyze users");
}

interface PlanNode {
  "Node Type": string;
  "Actual Rows": number;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

function indexesIn(node: PlanNode): string[] {
  return [...(node["Index Name"] ? [`${node["Node Type"]} on ${node["Index Name"]}`] : []), ...(node.Plans ?? []).flatMap(indexesIn)];
}

async function explain(ctx: Ctx, statement: SQL) {
  const [row] = await rowsOf<{ "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number }] }>(ctx.db, sql`explain (analyze, format json) ${statement}`);
  const [plan] = row!["QUERY PLAN"];
  return { indexes: indexesIn(plan.Plan), rows: plan.Plan["Actual Rows"], ms: Number(plan["Execution Time"].toFixed(2)) };
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: Number((performance.now() - started).toFixed(1)) };
}

export async function run(args: string[]): Promise<void> {
  const appeals = appealsAsked(args);
  const open = Math.round(appeals / 10);
  const bench = await openBenchDatabase("otinish_bench_digest", 10);
  const client = postgres(bench.url, { max: 1, onnotice: () => {} });
  try {
    const loaded = await timed(() => load(client, appeals, open));
    console.error(`${appeals.toLocaleString("en")} appeals (${open.toLocaleString("en")} open) loaded in ${(loaded.ms / 1000).toFixed(1)} s`);
    const ctx: Ctx = { db: bench.database.db, clock: new ManualClock(MORNING), log: pino({ level: "silent" }), files: diskFileStore(tmpdir()) };
    const day = (await reminderDay(ctx))!;

    // Each job as the 09:00 tick runs it, then again as a restart the same morning would.
    const overdue = await timed(() => writeOverdueNotices(ctx));
    const overdueAgain = await timed(() => writeOverdueNotices(ctx));
    const lastDays = await timed(() => writeLastDaysReminders(ctx));
    const lastDaysAgain = await timed(() => writeLastDaysReminders(ctx));
    const rounds: number[] = [];
    let computed: Digest[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const round = await timed(() => morningDigests(ctx, day));
      rounds.push(round.ms);
      computed = round.result;
    }
    rounds.sort((a, b) => a - b);
    const lines = computed.reduce((sum, d) => sum + d.parts.reduce((n, p) => n + Number(p.params.count), 0), 0);
    const digest = await timed(() => writeMorningDigests(ctx));
    const digestAgain = await timed(() => writeMorningDigests(ctx));
    console.error(`overdue notices: ${overdue.result} written in ${overdue.ms} ms; again ${overdueAgain.ms} ms, ${overdueAgain.result} new`);
    console.error(`last-days reminders: ${lastDays.result} written in ${lastDays.ms} ms; again ${lastDaysAgain.ms} ms, ${lastDaysAgain.result} new`);
    console.error(`digests: ${computed.length} with ${lines} lines, computed in p50 ${percentile(rounds, 50)} ms (max ${rounds.at(-1)} ms); written in ${digest.ms} ms; again ${digestAgain.ms} ms, ${digestAgain.result} new`);

    const plan = await explain(ctx, await digestQuery(ctx, day));
    console.error(`the digest's statement: ${plan.indexes.join(", ") || "no index"}, ${plan.rows} rows, ${plan.ms} ms`);
    const ok = digest.result === computed.length && overdueAgain.result === 0 && lastDaysAgain.result === 0 && digestAgain.result === 0;
    console.log(
      JSON.stringify({
        bench: "digest",
        database: "postgres",
        appeals,
        open,
        overdue_ms: overdue.ms,
        overdue_written: overdue.result,
        overdue_rerun_ms: overdueAgain.ms,
        last_days_ms: lastDays.ms,
        last_days_written: lastDays.result,
        last_days_rerun_ms: lastDaysAgain.ms,
        digest_ms: digest.ms,
        digest_rerun_ms: digestAgain.ms,
        digests: computed.length,
        lines,
        compute_p50_ms: percentile(rounds, 50),
        compute_max_ms: rounds.at(-1),
        digest_plan: plan.indexes,
        ok,
      }),
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await client.end();
    await bench.dispose();
  }
}
