import { tmpdir } from "node:os";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { pino } from "pino";
import { awaitingApproval, digestRecipients, heldAppealsDueBy, morningDigests, SOON_WORKING_DAYS, writeMorningDigests } from "../core/appeals/digest.js";
import { reminderDay } from "../core/appeals/reminder-day.js";
import { nthWorkingDayAfter } from "../core/calendar/working-days.js";
import { diskFileStore } from "../core/files/file-store.js";
import { ManualClock } from "../core/shared/clock.js";
import type { Ctx } from "../core/shared/context.js";
import { openBenchDatabase, percentile } from "./bench-database.js";

/**
 * The morning digest on PostgreSQL at the department's scale and beyond: 1,000,000 appeals, of which
 * 100,000 open, held by 360 reviewers and executors. Computes every digest (DESIGN §3) and writes
 * them to the outbox, then shows which indexes the digest's reads use.
 */
const APPEALS = Number(process.env.BENCH_APPEALS ?? 1_000_000);
const OPEN = Number(process.env.BENCH_OPEN ?? 100_000);
const CITIZENS = 20_000;
/** Reviewers and executors who hold appeals; then registrars, two deputies and the Head. */
const HOLDERS = 360;
const ROUNDS = 7;
/** A Wednesday in a month without holidays, at 09:00 in Almaty. */
const MORNING = "2026-04-15T09:00:00+05:00";
const TODAY = "2026-04-15";

/** Bulk-loaded in SQL: one statement per table, as a migration of old records would be. */
async function load(client: postgres.Sql): Promise<void> {
  await client.unsafe(`insert into users (telegram_id, role, language, created_at)
    select 5000000 + g, 'citizen', 'kk', now() from generate_series(1, ${CITIZENS}) g`);
  await client.unsafe(`insert into users (telegram_id, role, language, full_name, created_at)
    select 6000000 + g,
      case when g <= 300 then 'reviewer' when g <= ${HOLDERS} then 'executor' when g <= ${HOLDERS + 20} then 'registrar' when g <= ${HOLDERS + 22} then 'deputy' else 'head' end,
      case when g % 3 = 0 then 'kk' else 'ru' end, 'Staff ' || g, now()
    from generate_series(1, ${HOLDERS + 23}) g`);
  // The last OPEN appeals are open: deadlines from 6 days ago to 4 weeks ahead; 1 in 10 not yet
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
    from generate_series(1, ${APPEALS}) g
    cross join lateral (select g > ${APPEALS - OPEN} as open, 2021 + (g - 1) / 200000 as y, (g - 1) % 200000 + 1 as seq,
      case when g > ${APPEALS - OPEN} then date '${TODAY}' + ((g::bigint * 7919) % 34 - 6)::int else date '2021-01-20' + (g / 200) end as due) x
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

async function explain(client: postgres.Sql, query: { toSQL(): { sql: string; params: unknown[] } }) {
  const { sql, params } = query.toSQL();
  const [row] = await client.unsafe(`explain (analyze, format json) ${sql}`, params as postgres.ParameterOrJSON<never>[]);
  const [plan] = row!["QUERY PLAN"] as [{ Plan: PlanNode; "Execution Time": number }];
  return { indexes: indexesIn(plan.Plan), rows: plan.Plan["Actual Rows"], ms: Number(plan["Execution Time"].toFixed(2)) };
}

export async function run(): Promise<void> {
  const bench = await openBenchDatabase("otinish_bench_digest", 10);
  const client = postgres(bench.url, { max: 1, onnotice: () => {} });
  try {
    const loadStarted = performance.now();
    await load(client);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const ctx: Ctx = { db: bench.database.db, clock: new ManualClock(MORNING), log: pino({ level: "silent" }), files: diskFileStore(tmpdir()) };
    const day = (await reminderDay(ctx))!;

    const rounds: number[] = [];
    let digests = 0;
    let lines = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const started = performance.now();
      const computed = await morningDigests(ctx, day);
      rounds.push(performance.now() - started);
      digests = computed.length;
      lines = computed.reduce((sum, d) => sum + Object.values(d.groups).reduce((n, g) => n + g.length, 0), 0);
    }
    rounds.sort((a, b) => a - b);
    const writeStarted = performance.now();
    const written = await writeMorningDigests(ctx);
    const writeMs = performance.now() - writeStarted;
    const againStarted = performance.now();
    const writtenAgain = await writeMorningDigests(ctx);
    const againMs = performance.now() - againStarted;

    const horizon = nthWorkingDayAfter(day.calendar, day.today, SOON_WORKING_DAYS);
    const plans = {
      held: await explain(client, heldAppealsDueBy(ctx.db, horizon)),
      awaiting: await explain(client, awaitingApproval(ctx.db)),
      recipients: await explain(client, digestRecipients(ctx)),
    };
    const p50 = percentile(rounds, 50);
    console.log(`${APPEALS} appeals (${OPEN} open) loaded in ${loadSeconds.toFixed(1)} s; ${digests} digests with ${lines} lines`);
    console.log(`compute p50 ${p50.toFixed(1)} ms (max ${rounds.at(-1)!.toFixed(1)} ms); compute and write ${written} rows ${writeMs.toFixed(1)} ms; run again ${againMs.toFixed(1)} ms, ${writtenAgain} new rows`);
    for (const [name, plan] of Object.entries(plans)) console.log(`${name}: ${plan.indexes.join(", ") || "no index"}, ${plan.rows} rows, ${plan.ms} ms`);
    const ok = p50 < 1000 && writeMs < 1000 && written === digests && writtenAgain === 0;
    console.log(
      JSON.stringify({
        bench: "digest",
        database: "postgres",
        appeals: APPEALS,
        open: OPEN,
        digests,
        lines,
        compute_p50_ms: Number(p50.toFixed(1)),
        compute_max_ms: Number(rounds.at(-1)!.toFixed(1)),
        compute_and_write_ms: Number(writeMs.toFixed(1)),
        rerun_ms: Number(againMs.toFixed(1)),
        rerun_written: writtenAgain,
        held_plan: plans.held.indexes,
        awaiting_plan: plans.awaiting.indexes,
        ok,
      }),
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await client.end();
    await bench.dispose();
  }
}
