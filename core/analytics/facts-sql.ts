import { sql, type SQL } from "drizzle-orm";
import { TIME_ZONE, type IsoDate } from "../calendar/dates.js";

/**
 * A list as one parameter of an array type (drizzle would spread a JS array into a list of
 * parameters). Typed by its cast, it is read once: `string_to_array(…)::date[]` was parsed again for
 * every row it filtered, 365 dates per closed appeal in a year's summary.
 */
export function arrayParam(values: readonly (string | number)[], type: "date" | "int"): SQL {
  return sql`${`{${values.join(",")}}`}::${sql.raw(type)}[]`;
}

/** The outcome the statistics count for an appeal `a` (null while it is open). */
export const FINAL_OUTCOME = sql`case a.state
    when 'forwarded_external' then 'forwarded'
    when 'withdrawn' then 'withdrawn'
    when 'left_without_review' then 'left_without_review'
    when 'answered' then (select x.outcome from appeal_answers x where x.appeal_id = a.id and x.approved_at is not null order by x.approved_at desc limit 1)
  end`;

/** Closed on the Almaty days' span, as bounds in UTC, so the closed_at indexes narrow the scan. */
function closedWithin(days: readonly IsoDate[]): SQL {
  const sorted = [...days].sort();
  return sql`a.closed_at >= (${sorted[0]}::date::timestamp at time zone ${TIME_ZONE}) and a.closed_at < ((${sorted.at(-1)}::date + 1)::timestamp at time zone ${TIME_ZONE})`;
}

/** Appeals `a` that `where` picks, each with what the facts count: its holder's unit, its closing day in Almaty and its final outcome. */
function countedAppeals(where: SQL): SQL {
  return sql`
    select a.registered_on, a.type, a.category, a.channel, a.state, a.initial_due_on, a.due_on, a.repeated_of_id, a.complaint_of_id, a.rating,
      (a.closed_at at time zone ${TIME_ZONE})::date as closed_on, h.unit_id, ${FINAL_OUTCOME} as outcome
    from appeals a
    left join users h on h.id = a.holder_user_id
    where ${where}`;
}

/**
 * Facts of appeals registered on `days` (one row per day, holder's unit, measure and value), from
 * `appeals` (rows of `countedAppeals`). One statement serves the daily rollup and a reviewer's own
 * figures, so both count alike.
 */
export function receivedFacts(days: readonly IsoDate[], appeals = countedAppeals(sql`a.registered_on = any(${arrayParam(days, "date")})`)): SQL {
  return sql`
    select c.registered_on as day, c.unit_id, m.measure, m.value, count(*)::int as appeals
    from (${appeals}) c
    cross join lateral (values
      ('received', 'all'),
      ('received_type', c.type),
      ('received_category', coalesce(c.category, 'none')),
      ('received_channel', c.channel),
      ('received_state', c.state),
      ('received_outcome', coalesce(c.outcome, 'open')),
      ('received_extended', case when c.due_on > c.initial_due_on then 'yes' end),
      ('received_repeated', case when c.repeated_of_id is not null then 'yes' end),
      ('received_answer_complaint', case when c.complaint_of_id is not null then 'yes' end),
      ('received_rating', c.rating)
    ) as m(measure, value)
    where c.registered_on = any(${arrayParam(days, "date")}) and m.value is not null
    group by 1, 2, 3, 4`;
}

/**
 * Facts of appeals closed on `days`, by the day in Almaty: the outcome, on time or late against the
 * deadline in force (extensions counted), the outcome of those decided late, and working days from
 * registration to the decision.
 * A withdrawn appeal was not reviewed: it counts among closed, not in timeliness or review time.
 */
export function closedFacts(days: readonly IsoDate[], appeals = countedAppeals(closedWithin(days))): SQL {
  return sql`
    with closed as (select * from (${appeals}) c where c.closed_on = any(${arrayParam(days, "date")})),
    -- Working days numbered in order over the span: the difference of two numbers is the working days between.
    working as (
      select d::date as day, count(*) filter (where coalesce(c.working, extract(isodow from d) < 6)) over (order by d) as ord
      from generate_series((select min(registered_on) from closed), (select max(closed_on) from closed), interval '1 day') d
      left join calendar_days c on c.day = d::date
    )
    select c.closed_on as day, c.unit_id, m.measure, m.value, count(*)::int as appeals
    from closed c
    join working r on r.day = c.registered_on
    join working e on e.day = c.closed_on
    cross join lateral (values
      ('closed', 'all'),
      ('closed_outcome', c.outcome),
      ('closed_timely', case when c.outcome <> 'withdrawn' then case when c.closed_on <= c.due_on then 'on_time' else 'late' end end),
      ('closed_late', case when c.outcome <> 'withdrawn' and c.closed_on > c.due_on then c.outcome end),
      ('closed_days', case when c.outcome <> 'withdrawn' then (e.ord - r.ord)::text end)
    ) as m(measure, value)
    where m.value is not null
    group by 1, 2, 3, 4`;
}

/**
 * The facts of one holder's appeals on `days`, counted directly: those registered and those closed
 * then are read once, with their outcomes, for both kinds of facts.
 */
export function holderFacts(days: readonly IsoDate[], holderId: number): SQL {
  const sorted = [...days].sort();
  const mine = countedAppeals(sql`a.holder_user_id = ${holderId} and (a.registered_on between ${sorted[0]}::date and ${sorted.at(-1)}::date or ${closedWithin(days)})`);
  return sql`
    with mine as materialized (${mine})
    select * from (${receivedFacts(days, sql`select * from mine`)}) r
    union all
    select * from (${closedFacts(days, sql`select * from mine`)}) c`;
}
