import { and, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import { rowsOf } from "../../db/rows.js";
import { appealStatsDaily, units } from "../../db/schema/index.js";
import { addDays, almatyDate, datesFrom, weekday, type IsoDate } from "../calendar/dates.js";
import type { Ctx } from "../shared/context.js";
import type { Actor } from "../shared/roles.js";
import { arrayParam, holderFacts } from "./facts-sql.js";
import type { Measure } from "./measures.js";
import type { Period } from "./period.js";
import { receptionFigures, type ReceptionFigures } from "./reception-figures.js";
import { figuresAsOf } from "./rollup.js";
import { resolveScope, type ResolvedScope, type Scope } from "./scope.js";

export type Breakdown = Record<string, number>;

export interface UnitLine {
  unitId: number | null;
  name: { kk: string; ru: string } | null;
  received: number;
  onTime: number;
  late: number;
}

export interface ReviewerLoad {
  userId: number;
  name: string;
  open: number;
  overdue: number;
}

/** Everything a summary shows, for a period and a scope (DESIGN §7). */
export interface Figures {
  period: Period;
  scope: ResolvedScope;
  /** When the daily figures were last brought up to date. */
  asOf: Date | null;
  received: {
    total: number;
    type: Breakdown;
    category: Breakdown;
    channel: Breakdown;
    state: Breakdown;
    outcome: Breakdown;
    extended: number;
    repeated: number;
    answerComplaints: number;
    rating: Breakdown;
  };
  closed: {
    total: number;
    outcome: Breakdown;
    onTime: number;
    late: number;
    /** Share decided on time, 0–1; null when nothing was decided. */
    onTimeRate: number | null;
    medianDays: number | null;
    p90Days: number | null;
  };
  /** Open now and past their deadline. */
  overdueNow: number;
  /** Received per week (Monday), every week of the period. */
  weekly: { week: IsoDate; received: number }[];
  units: UnitLine[];
  /** The reviewers holding the most open appeals now. */
  load: ReviewerLoad[];
  /** The department's personal reception; only in the department's figures. */
  reception: ReceptionFigures | null;
}

interface Row {
  measure: Measure;
  value: string;
  unit_id: number | null;
  week: string | null;
  by_unit: number;
  by_week: number;
  appeals: number;
}

/**
 * Totals per measure, per unit (intake and timeliness) and per week (intake). The facts are summed
 * first to their (measure, value, unit, week) groups in one hash, a thousand or so for a year, and only
 * those are grouped three ways: grouping a year's half a million daily rows three ways at once took twice as long.
 */
function aggregate(facts: SQL): SQL {
  return sql`
    select measure, value, unit as unit_id, week, grouping(unit) as by_unit, grouping(week) as by_week, sum(appeals)::int as appeals
    from (
      select measure, value, unit, week, sum(appeals) as appeals
      from (
        select measure, value, appeals,
          case when measure in ('received', 'closed_timely') then unit_id end as unit,
          case when measure = 'received' then date_trunc('week', day)::date::text end as week
        from (${facts}) f
      ) x
      group by measure, value, unit, week
    ) g
    group by grouping sets ((measure, value), (unit, measure, value), (week, measure, value))`;
}

/** The period's facts: from the daily figures for the department or a unit; counted directly for one reviewer's appeals. */
function factsOf(scope: ResolvedScope, period: Period): SQL {
  if (scope.reviewerId !== null) return holderFacts(datesFrom(period.from, period.to), scope.reviewerId);
  const where = and(
    gte(appealStatsDaily.day, period.from),
    lte(appealStatsDaily.day, period.to),
    scope.unitIds === null ? undefined : inArray(appealStatsDaily.unitId, scope.unitIds),
  );
  return sql`select day, unit_id, measure, value, appeals from ${appealStatsDaily} where ${where}`;
}

/** The value below which `share` of the counted days fall, from a histogram of days → appeals. */
function percentile(histogram: Breakdown, share: number): number | null {
  const points = Object.entries(histogram).map(([days, n]) => [Number(days), n] as const).sort((a, b) => a[0] - b[0]);
  const total = points.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const [days, n] of points) if ((seen += n) >= share * total) return days;
  return points.at(-1)![0];
}

/** Open appeals in the scope, by holder: one reviewer's, those held in the units, or all. */
function openInScope(scope: ResolvedScope): SQL {
  if (scope.reviewerId !== null) return sql`a.holder_user_id = ${scope.reviewerId}`;
  if (scope.unitIds !== null) return sql`a.holder_user_id in (select id from users where unit_id = any(${arrayParam(scope.unitIds, "int")}))`;
  return sql`true`;
}

/**
 * Open appeals per holder and how many are past their deadline, counted from the open-by-holder
 * index alone (holders are few; names are joined to the counts, not to every appeal).
 */
async function openWork(ctx: Ctx, scope: ResolvedScope, today: IsoDate): Promise<{ overdue: number; load: ReviewerLoad[] }> {
  const rows = await rowsOf<{ user_id: number | null; name: string | null; open: number; overdue: number }>(
    ctx.db,
    sql`select o.user_id, h.full_name as name, o.open, o.overdue
      from (
        select a.holder_user_id as user_id, count(*)::int as open, count(*) filter (where a.due_on < ${today}::date)::int as overdue
        from appeals a
        where a.closed_at is null and ${openInScope(scope)}
        group by 1
      ) o left join users h on h.id = o.user_id
      order by 3 desc, 1`,
  );
  const load = rows.filter((r) => r.user_id !== null).slice(0, 10).map((r) => ({ userId: r.user_id!, name: r.name ?? String(r.user_id), open: r.open, overdue: r.overdue }));
  return { overdue: rows.reduce((sum, r) => sum + r.overdue, 0), load };
}

async function unitNames(ctx: Ctx, ids: number[]): Promise<Map<number, { kk: string; ru: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db.select({ id: units.id, kk: units.nameKk, ru: units.nameRu }).from(units).where(inArray(units.id, ids));
  return new Map(rows.map((r) => [r.id, { kk: r.kk, ru: r.ru }]));
}

/** Every week (its Monday) that the period touches, so a quiet week shows as zero, not as a gap. */
function weeksOf(period: Period): IsoDate[] {
  const weeks: IsoDate[] = [];
  const first = addDays(period.from, -((weekday(period.from) + 6) % 7));
  for (let w = first; w <= period.to; w = addDays(w, 7)) weeks.push(w);
  return weeks;
}

/** The figures of a period for a scope the person may read. */
export async function figures(ctx: Ctx, actor: Actor, input: { period: Period; scope: Scope }): Promise<Figures> {
  const scope = await resolveScope(ctx, actor, input.scope);
  const { period } = input;
  const rows = await rowsOf<Row>(ctx.db, aggregate(factsOf(scope, period)));
  const totals = rows.filter((r) => r.by_unit === 1 && r.by_week === 1);
  const breakdown = (measure: Measure): Breakdown => Object.fromEntries(totals.filter((r) => r.measure === measure).map((r) => [r.value, r.appeals]));
  const one = (measure: Measure, value: string): number => breakdown(measure)[value] ?? 0;

  const timely = breakdown("closed_timely");
  const onTime = timely.on_time ?? 0;
  const late = timely.late ?? 0;
  const days = breakdown("closed_days");

  const perUnit = new Map<number | null, UnitLine>();
  for (const r of rows.filter((r) => r.by_unit === 0)) {
    const line = perUnit.get(r.unit_id) ?? { unitId: r.unit_id, name: null, received: 0, onTime: 0, late: 0 };
    if (r.measure === "received") line.received += r.appeals;
    else if (r.value === "on_time") line.onTime += r.appeals;
    else line.late += r.appeals;
    perUnit.set(r.unit_id, line);
  }
  const names = await unitNames(ctx, [...perUnit.keys()].filter((id): id is number => id !== null));
  for (const line of perUnit.values()) line.name = line.unitId === null ? null : (names.get(line.unitId) ?? null);

  const perWeek = new Map(rows.filter((r) => r.by_week === 0 && r.week !== null).map((r) => [r.week!, r.appeals]));
  const today = almatyDate(ctx.clock.now());
  const open = await openWork(ctx, scope, today);

  return {
    period,
    scope,
    asOf: scope.reviewerId === null ? await figuresAsOf(ctx) : ctx.clock.now(),
    received: {
      total: one("received", "all"),
      type: breakdown("received_type"),
      category: breakdown("received_category"),
      channel: breakdown("received_channel"),
      state: breakdown("received_state"),
      outcome: breakdown("received_outcome"),
      extended: one("received_extended", "yes"),
      repeated: one("received_repeated", "yes"),
      answerComplaints: one("received_answer_complaint", "yes"),
      rating: breakdown("received_rating"),
    },
    closed: {
      total: one("closed", "all"),
      outcome: breakdown("closed_outcome"),
      onTime,
      late,
      onTimeRate: onTime + late === 0 ? null : onTime / (onTime + late),
      medianDays: percentile(days, 0.5),
      p90Days: percentile(days, 0.9),
    },
    overdueNow: open.overdue,
    weekly: weeksOf(period).map((week) => ({ week, received: perWeek.get(week) ?? 0 })),
    units: [...perUnit.values()].sort((a, b) => b.received - a.received),
    load: open.load,
    reception: scope.scope.kind === "department" ? await receptionFigures(ctx, period) : null,
  };
}
