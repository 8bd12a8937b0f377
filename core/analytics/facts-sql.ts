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
const FINAL_OUTCOME = sql`case a.state
    when 'forwarded_external' then 'forwarded'
    when 'withdrawn' then 'withdrawn'
    when 'left_without_review' then 'left_without_review'
    when 'answered' then (select x.outcome from appeal_answers x where x.appeal_id = a.id and x.approved_at is not null order by x.approved_at desc limit 1)
  end`;

/**
 * Facts of appeals registered on `days` (one row per day, holder's unit, measure and value), with
 * `where` narrowing the appeals (`a`). One statement serves the daily rollup and a reviewer's own
 * figures, so both count alike.
 */
export function receivedFacts(days: readonly IsoDate[], where: SQL = sql`true`): SQL {
  return sql`
    select a.registered_on as day, h.unit_id, m.measure, m.value, count(*)::int as appeals
    from appeals a
    left join users h on h.id = a.holder_user_id
    cross join lateral (select ${FINAL_OUTCOME} as outcome) o
    cross join lateral (values
      ('received', 'all'),
      ('received_type', a.type),
      ('received_category', coalesce(a.category, 'none')),
      ('received_channel', a.channel),
      ('received_state', a.state),
      ('received_outcome', coalesce(o.outcome, 'open')),
      ('received_extended', case when a.due_on > a.initial_due_on then 'yes' end),
      ('received_repeated', case when a.repeated_of_id is not null then 'yes' end),
      ('received_answer_complaint', case when a.complaint_of_id is not null then 'yes' end),
      ('received_rating', a.rating)
    ) as m(measure, value)
    where a.registered_on = any(${arrayParam(days, "date")}) and m.value is not null and (${where})
    group by 1, 2, 3, 4`;
}

/**
 * Facts of appeals closed on `days`, by the day in Almaty: the outcome, on time or late against the
 * deadline in force (extensions counted), and working days from registration to the decision.
 * A withdrawn appeal was not reviewed: it counts among closed, not in timeliness or review time.
 */
export function closedFacts(days: readonly IsoDate[], where: SQL = sql`true`): SQL {
  const sorted = [...days].sort();
  // Bounds in UTC around the Almaty days, so the closed_at index narrows the scan.
  const from = sql`(${sorted[0]}::date::timestamp at time zone ${TIME_ZONE})`;
  const to = sql`((${sorted.at(-1)}::date + 1)::timestamp at time zone ${TIME_ZONE})`;
  return sql`
    with closed as (
      select a.registered_on, a.due_on, (a.closed_at at time zone ${TIME_ZONE})::date as closed_on, h.unit_id, ${FINAL_OUTCOME} as outcome
      from appeals a
      left join users h on h.id = a.holder_user_id
      where a.closed_at >= ${from} and a.closed_at < ${to} and (${where})
    ),
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
      ('closed_days', case when c.outcome <> 'withdrawn' then (e.ord - r.ord)::text end)
    ) as m(measure, value)
    where c.closed_on = any(${arrayParam(days, "date")}) and m.value is not null
    group by 1, 2, 3, 4`;
}
