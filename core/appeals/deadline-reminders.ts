import { and, asc, eq, sql } from "drizzle-orm";
import { roleHolders } from "../staff/recipients.js";
import { appeals } from "../../db/schema/index.js";
import { addDays, type IsoDate } from "../calendar/dates.js";
import { nthWorkingDayAfter, previousWorkingDay, workingDaysBetween } from "../calendar/working-days.js";
import { enqueueMany } from "../outbox/enqueue.js";
import { dottedDateOf, isoDateOf } from "../calendar/dates-sql.js";
import { enqueueSelected, notYetWritten, payloadOf } from "../outbox/enqueue-selected.js";
import { languageOfUser } from "../people/language.js";
import type { Ctx } from "../shared/context.js";
import { currentApprovers } from "../staff/approvers.js";
import { lineList } from "./digest.js";
import { languageOf } from "../people/language.js";
import { reminderDay } from "./reminder-day.js";

/** The holder is reminded when an appeal enters its last this-many working days (Reg. 5.3; DESIGN §3). */
export const LAST_WORKING_DAYS = 3;
/** How many working mornings back a late run still sends the overdue notices it missed (two weeks of outage). */
const CATCH_UP_WORKING_DAYS = 10;

/**
 * The holder of an open appeal is told the morning it enters its last 3 working days, counting
 * today and the deadline; once per appeal and deadline, so an extension (a new deadline) is
 * reminded again. A run that missed that morning still reminds while days remain.
 */
export async function writeLastDaysReminders(ctx: Ctx): Promise<number> {
  const day = await reminderDay(ctx);
  if (!day) return 0;
  const until = nthWorkingDayAfter(day.calendar, day.today, LAST_WORKING_DAYS - 1);
  // Working days left by deadline: a handful of dates, counted here on the calendar and looked up in SQL.
  const left: Record<IsoDate, number> = {};
  for (let due = day.today; due <= until; due = addDays(due, 1)) left[due] = workingDaysBetween(day.calendar, day.today, due) + 1;
  const dueOn = isoDateOf(sql`a.due_on`);
  const key = sql`'last-days:' || a.id || ':' || ${dueOn}`;
  return enqueueSelected(
    ctx,
    ctx.db,
    sql`select ${key} as dedupe_key, h.telegram_id as chat_id, ${languageOfUser("h")} as language,
          ${payloadOf(sql`'staff.reminder.last_days'`, sql`jsonb_build_object('number', a.number, 'due', ${dottedDateOf(sql`a.due_on`)}, 'left', (${JSON.stringify(left)}::jsonb ->> ${dueOn})::int)`)} as payload
        from appeals a join users h on h.id = a.holder_user_id
        where a.closed_at is null and h.active and a.due_on between ${day.today}::date and ${until}::date and ${notYetWritten(key)}`,
  );
}

/**
 * The morning after a deadline passes (the next working morning), the holder and the Head, or the
 * deputy acting for the Head, are told, once per appeal and deadline. Muting the digest does not
 * mute these.
 */
export async function writeOverdueNotices(ctx: Ctx): Promise<number> {
  const day = await reminderDay(ctx);
  if (!day) return 0;
  // Deadlines that passed since the last working morning, days off in between included; after an
  // outage the run catches up on the mornings it missed, up to CATCH_UP_WORKING_DAYS back.
  let since = day.today;
  for (let i = 0; i < CATCH_UP_WORKING_DAYS; i++) since = previousWorkingDay(day.calendar, since);
  const approvers = (await currentApprovers(ctx, ctx.db, ctx.clock.now())).map((a) => ({
    id: a.id,
    telegram_id: a.telegramId,
    language: languageOf(a),
    clearance: a.clearance,
  }));
  // Keyed per person, the holder's notice first: the Head who holds an appeal gets one notice, not two.
  const key = sql`'overdue:' || a.id || ':' || ${isoDateOf(sql`a.due_on`)} || ':' || r.user_id`;
  return enqueueSelected(
    ctx,
    ctx.db,
    sql`select distinct on (${key}) ${key} as dedupe_key, r.telegram_id as chat_id, r.language,
          ${payloadOf(sql`r.key`, sql`jsonb_build_object('number', a.number, 'due', ${dottedDateOf(sql`a.due_on`)})`)} as payload
        from appeals a
        cross join lateral (
          select h.id as user_id, h.telegram_id, ${languageOfUser("h")} as language, 'staff.reminder.overdue' as key, 0 as rank
            from users h where h.id = a.holder_user_id and h.active
          union all
          select x.id, x.telegram_id, x.language, 'staff.reminder.overdue_head', 1
            from jsonb_to_recordset(${JSON.stringify(approvers)}::jsonb) as x(id int, telegram_id bigint, language text, clearance boolean)
            where x.clearance or not a.restricted
        ) r
        where a.closed_at is null and a.due_on >= ${since}::date and a.due_on < ${day.today}::date and ${notYetWritten(key)}
        order by ${key}, r.rank`,
  );
}

/**
 * Registrars are reminded of appeals still waiting for preliminary review whose forwarding
 * deadline (3 working days, `deadline_policies`) is today: one list each per working day.
 */
export async function writeForwardingReminders(ctx: Ctx): Promise<number> {
  const day = await reminderDay(ctx);
  if (!day) return 0;
  const [due, registrars] = await Promise.all([
    ctx.db
      .select({ number: appeals.number, dueOn: appeals.forwardDueOn, restricted: appeals.restricted })
      .from(appeals)
      .where(and(eq(appeals.state, "registered"), eq(appeals.forwardDueOn, day.today)))
      .orderBy(asc(appeals.number)),
    roleHolders(ctx, ctx.db, { roles: ["registrar"] }),
  ]);
  const lists = registrars
    .map((registrar) => ({ registrar, lines: due.filter((a) => registrar.clearance || !a.restricted) }))
    .filter(({ lines }) => lines.length > 0);
  return enqueueMany(
    ctx,
    ctx.db,
    lists.map(({ registrar, lines }) => ({
      dedupeKey: `forwarding:${day.today}:${registrar.id}`,
      chatId: registrar.telegramId,
      language: registrar.language,
      key: "staff.reminder.forwarding",
      params: { count: lines.length, list: lineList(lines) },
    })),
  );
}
