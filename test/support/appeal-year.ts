import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { TIME_ZONE } from "../../core/calendar/dates.js";

/**
 * A year of appeals written straight into the tables, spread evenly over the year's days with
 * every type, category, channel, state and outcome, late answers, extensions, repeated appeals,
 * complaints on answers and ratings. The year as it stands on its last evening: an appeal whose
 * decision would fall after 31 December is still open. Deterministic: the same call writes the
 * same year. Figures tests check the analytics against it; the `stats` benchmark writes a national
 * year with it.
 */
export interface YearSeed {
  year: number;
  appeals: number;
  /** Staff who hold the appeals, round the list by a hash; one in twenty appeals has no holder. */
  holders: number[];
  /** The citizen of the appeals that came through Telegram. */
  citizenUserId: number;
  /** Written in slices of this many appeals, each its own statements. */
  batch?: number;
  /** Told how many appeals are written after each slice. */
  progress?: (written: number) => void;
}

/** A number 0–999 from the appeal's index and a salt: the same each run, different per salt. */
const pick = (salt: string) => sql.raw(`(abs(hashtext(i::text || '${salt}')) % 1000)`);

/** A draft id made of the year and the index: the same each run, and in order, so its index grows at one end. */
const draftId = (year: number) => sql.raw(`(lpad(to_hex(${year}), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid`);

/**
 * Appeals `first`..`last` of the year and, in the same statement, the answers of those answered or
 * left without review: the rows just written come back from the insert, so the table is not read again.
 */
function appealsWithAnswers(seed: YearSeed, first: number, last: number) {
  const holders = sql.raw(`array[${seed.holders.join(",")}]::int[]`);
  const signer = seed.holders[0]!;
  return sql`
    with written as (
      insert into appeals (number, prefix, year, seq, draft_id, citizen_user_id, channel, applicant, type, category, text, subject_key, language,
        reply_channel, state, received_at, registered_on, initial_due_on, due_on, forward_due_on, holder_user_id, repeated_of_id, complaint_of_id,
        rating, closed_at, updated_at)
      select 'ЖТ-' || ${seed.year} || '-' || lpad(i::text, 7, '0'), 'ЖТ', ${seed.year}, i, ${draftId(seed.year)},
        case when channel = 'telegram' then ${seed.citizenUserId}::int end, channel, '{"kind":"individual","fullName":"—"}'::jsonb,
        (array['application','complaint','proposal','response','request','report'])[1 + ${pick("type")} % 6],
        (array['court_proceedings','judge_conduct','state_bodies','personal_reception','general', null])[1 + ${pick("category")} % 6],
        'seeded', 'seeded ' || (${pick("subject")} % 40), case when ${pick("lang")} < 600 then 'ru' else 'kk' end, 'chat',
        state, registered_on::timestamp at time zone ${TIME_ZONE} + interval '10 hours', registered_on,
        case when ${pick("ext")} < 60 then registered_on + 21 else registered_on + 31 end, registered_on + 31, registered_on + 5,
        case when ${pick("holder")} < 50 then null else (${holders})[1 + ${pick("holder")} % ${seed.holders.length}] end,
        case when i > 2 and ${pick("repeat")} < 30 then i - 1 end, null,
        case when state = 'answered' and ${pick("rate")} < 300 then (array['satisfied','unsatisfied'])[1 + ${pick("rating")} % 2] end,
        closed_at, coalesce(closed_at, registered_on::timestamp at time zone ${TIME_ZONE})
      from (
        select i, registered_on, channel,
          case when decided_on is null then (array['registered','in_review','awaiting_approval'])[1 + ${pick("state")} % 3]
               when ${pick("end")} < 750 then 'answered' when ${pick("end")} < 830 then 'forwarded_external'
               when ${pick("end")} < 870 then 'left_without_review' when ${pick("end")} < 900 then 'withdrawn' else 'answered' end as state,
          decided_on::timestamp at time zone ${TIME_ZONE} + interval '15 hours' as closed_at
        from (
          select i, registered_on,
            case when ${pick("channel")} < 800 then 'telegram' when ${pick("channel")} < 950 then 'paper' else 'email' end as channel,
            case when ${pick("open")} >= 100 and registered_on + ${pick("took")} % 40 <= make_date(${seed.year}, 12, 31) then registered_on + ${pick("took")} % 40 end as decided_on
          from (select i, make_date(${seed.year}, 1, 1) + ((i - 1) * (make_date(${seed.year} + 1, 1, 1) - make_date(${seed.year}, 1, 1))::bigint / ${seed.appeals})::int as registered_on
                from generate_series(${first}::int, ${last}::int) i) days
        ) decided
      ) spread
      returning id, seq, state, holder_user_id, closed_at
    )
    insert into appeal_answers (appeal_id, text, outcome, author_user_id, approved_by_user_id, approved_at, created_at)
    select id, 'seeded', case when state = 'left_without_review' then 'left_without_review' else (array['satisfied','explained','refused'])[1 + abs(hashtext(seq::text || 'outcome')) % 3] end,
      coalesce(holder_user_id, ${signer}), ${signer}, closed_at, closed_at
    from written where state in ('answered', 'left_without_review')`;
}

export async function seedAppealYear(db: Db, seed: YearSeed): Promise<void> {
  const batch = seed.batch ?? 100_000;
  for (let first = 1; first <= seed.appeals; first += batch) {
    const last = Math.min(seed.appeals, first + batch - 1);
    await db.transaction(async (tx) => {
      // Written consistent by construction, so the foreign keys are not checked row by row (as pg_restore
      // --disable-triggers loads): two fifths less time for a national year. Needs a superuser, as tests and benchmarks are.
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(appealsWithAnswers(seed, first, last));
      // A complaint on an answer points at the answered appeal seven before it, written by now.
      await tx.execute(sql`
        update appeals c set complaint_of_id = (select o.id from appeals o where o.prefix = c.prefix and o.year = c.year and o.seq = c.seq - 7 and o.state = 'answered')
        where c.prefix = 'ЖТ' and c.year = ${seed.year} and c.seq between ${first} and ${last} and c.type = 'complaint' and c.seq % 10 = 0`);
    });
    seed.progress?.(last);
  }
}
