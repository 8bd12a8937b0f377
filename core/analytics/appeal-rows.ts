import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { rowsOf } from "../../db/rows.js";
import { TIME_ZONE } from "../calendar/dates.js";
import { FINAL_OUTCOME } from "./facts-sql.js";
import type { Period } from "./period.js";
import type { ResolvedScope } from "./scope.js";

/** One appeal of a period as the workbook lists it. */
export interface AppealRow {
  id: number;
  number: string;
  registered_on: string;
  type: string;
  category: string | null;
  channel: string;
  state: string;
  outcome: string | null;
  due_on: string;
  closed_on: string | null;
  holder_user_id: number | null;
  holder: string | null;
  /** The applicant's name as submitted; null once erased under a destruction act. */
  applicant: string | null;
  restricted: boolean;
}

const PAGE = 5000;

/**
 * The period's appeals in the scope, registered in it, a page at a time by id (the order they were
 * registered in). ДСП appeals only for a cleared reader.
 */
export async function* appealRows(db: DbOrTx, scope: ResolvedScope, period: Period, cleared: boolean): AsyncGenerator<AppealRow[]> {
  const inScope =
    scope.reviewerId !== null
      ? sql`a.holder_user_id = ${scope.reviewerId}`
      : scope.unitIds !== null
        ? sql`h.unit_id = any(string_to_array(${scope.unitIds.join(",")}, ',')::int[])`
        : sql`true`;
  for (let after = 0; ; ) {
    const page = await rowsOf<AppealRow>(
      db,
      sql`select a.id, a.number, a.registered_on::text, a.type, a.category, a.channel, a.state, ${FINAL_OUTCOME} as outcome, a.due_on::text,
            (a.closed_at at time zone ${TIME_ZONE})::date::text as closed_on, a.holder_user_id, h.full_name as holder,
            case when a.erased_at is null then a.applicant ->> 'fullName' end as applicant, a.restricted
          from appeals a left join users h on h.id = a.holder_user_id
          where a.id > ${after} and a.registered_on between ${period.from}::date and ${period.to}::date and ${inScope} and (${cleared} or not a.restricted)
          order by a.id limit ${PAGE}`,
    );
    if (page.length === 0) return;
    yield page;
    after = page.at(-1)!.id;
  }
}
