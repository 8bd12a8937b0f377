import { sql } from "drizzle-orm";
import { rowsOf } from "../../db/rows.js";
import { TIME_ZONE } from "../calendar/dates.js";
import type { Ctx } from "../shared/context.js";
import type { Period } from "./period.js";

/** Personal reception in a period (Reg. 7.3.2): requests made, how they ended, and the assignments it gave. */
export interface ReceptionFigures {
  requests: number;
  held: number;
  noShows: number;
  /** Requests still on an official's waitlist, waiting for a slot to come free. */
  waitlisted: number;
  cancelled: number;
  assignments: number;
  assignmentsExecuted: number;
}

export async function receptionFigures(ctx: Ctx, period: Period): Promise<ReceptionFigures> {
  const from = sql`(${period.from}::date::timestamp at time zone ${TIME_ZONE})`;
  const to = sql`((${period.to}::date + 1)::timestamp at time zone ${TIME_ZONE})`;
  const [row] = await rowsOf<Record<keyof ReceptionFigures, number>>(
    ctx.db,
    sql`select
      (select count(*)::int from reception_bookings b where b.created_at >= ${from} and b.created_at < ${to}) as requests,
      (select count(*)::int from reception_bookings b where b.created_at >= ${from} and b.created_at < ${to} and b.status = 'attended') as held,
      (select count(*)::int from reception_bookings b where b.created_at >= ${from} and b.created_at < ${to} and b.status = 'no_show') as "noShows",
      (select count(*)::int from reception_bookings b where b.created_at >= ${from} and b.created_at < ${to} and b.status = 'waiting') as waitlisted,
      (select count(*)::int from reception_bookings b where b.created_at >= ${from} and b.created_at < ${to} and b.status in ('cancelled','declined','expired')) as cancelled,
      (select count(*)::int from control_documents d where d.source = 'reception' and d.source_date between ${period.from}::date and ${period.to}::date) as assignments,
      (select count(*)::int from control_documents d where d.source = 'reception' and d.source_date between ${period.from}::date and ${period.to}::date
         and not exists (select 1 from control_executors e where e.document_id = d.id and e.state <> 'executed')) as "assignmentsExecuted"`,
  );
  return row!;
}
