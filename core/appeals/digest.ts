import { and, eq, sql, type SQL } from "drizzle-orm";
import { rowsOf } from "../../db/rows.js";
import { staffReminderSettings, users } from "../../db/schema/index.js";
import { dottedDate, type IsoDate } from "../calendar/dates.js";
import { nthWorkingDayAfter } from "../calendar/working-days.js";
import type { OutboxPart } from "../outbox/enqueue.js";
import { dottedDateOf } from "../calendar/dates-sql.js";
import { enqueueSelected, notYetWritten, payloadOf } from "../outbox/enqueue-selected.js";
import type { Ctx } from "../shared/context.js";
import { APPEAL_WORK_ROLES } from "../shared/roles.js";
import { currentApprovers } from "../staff/approvers.js";
import { roleHoldersCondition } from "../staff/recipients.js";
import { languageOf } from "../people/language.js";
import { reminderDay, type ReminderDay } from "./reminder-day.js";

/** "Due soon" means within this many working days (DESIGN §3). */
export const SOON_WORKING_DAYS = 3;

/** The digest's groups, the most pressing first. */
export const DIGEST_GROUPS = ["overdue", "today", "soon", "approval"] as const;
export type DigestGroup = (typeof DIGEST_GROUPS)[number];

export interface DigestLine {
  number: string;
  dueOn: IsoDate;
}

/** A person's digest: their paragraphs, the most pressing group first, each a count and its lines. */
export interface Digest {
  userId: number;
  telegramId: number;
  language: string;
  parts: OutboxPart[];
}

/** Who gets a digest today, as the aggregating query reads them. */
interface Recipient {
  id: number;
  telegram_id: number;
  language: string;
  clearance: boolean;
  /** Signs answers today (the Head, or the deputy acting for the Head): gets the drafts awaiting approval. */
  approver: boolean;
}

async function recipients(ctx: Ctx, unwrittenOn?: IsoDate): Promise<Recipient[]> {
  const [staff, approvers] = await Promise.all([digestRecipients(ctx, unwrittenOn), currentApprovers(ctx, ctx.db, ctx.clock.now())]);
  const signing = new Set(approvers.map((a) => a.id));
  return staff.map(({ user }) => ({ id: user.id, telegram_id: user.telegramId, language: languageOf(user), clearance: user.clearance, approver: signing.has(user.id) }));
}

/**
 * Each recipient's digest, aggregated in SQL (national numbers of appeals never pass through Node):
 * appeals they hold that are overdue, due today or due by `horizon`, and for those who sign the
 * drafts awaiting approval (a restricted one only with clearance). People with nothing are left out.
 */
function digestsOf(people: Recipient[], { today, calendar }: ReminderDay): SQL {
  const horizon = nthWorkingDayAfter(calendar, today, SOON_WORKING_DAYS);
  const group = (name: DigestGroup) => sql.raw(String(DIGEST_GROUPS.indexOf(name)));
  const keyOf = sql.raw(`case g ${DIGEST_GROUPS.map((name, i) => `when ${i} then 'staff.digest.${name}'`).join(" ")} end`);
  return sql`
    with r as (
      select * from jsonb_to_recordset(${JSON.stringify(people)}::jsonb) as x(id int, telegram_id bigint, language text, clearance boolean, approver boolean)
    ), lines as (
      select a.holder_user_id as user_id,
        case when a.due_on < ${today}::date then ${group("overdue")} when a.due_on = ${today}::date then ${group("today")} else ${group("soon")} end as g,
        a.number, a.due_on
      from appeals a
      where a.closed_at is null and a.due_on <= ${horizon}::date and a.holder_user_id = any (select id from r)
      union all
      select r.id, ${group("approval")}, a.number, a.due_on
      from appeals a join r on r.approver and (r.clearance or not a.restricted)
      where a.state = 'awaiting_approval'
    ), groups as (
      select user_id, g, count(*)::int as n, string_agg(number || ' — ' || ${dottedDateOf(sql`due_on`)}, chr(10) order by due_on, number) as list
      from lines group by user_id, g
    )
    select r.id as user_id, r.telegram_id, r.language,
      jsonb_agg(jsonb_build_object('key', ${keyOf}, 'params', jsonb_build_object('count', n, 'list', list, 'days', ${SOON_WORKING_DAYS}::int)) order by g) as parts
    from groups join r on r.id = groups.user_id
    group by r.id, r.telegram_id, r.language`;
}

/**
 * The morning digest of each active member of staff who has work and has not muted it (DESIGN §3):
 * appeals they hold that are overdue, due today or due within 3 working days, and for the Head (or
 * the deputy acting for the Head) the drafts awaiting approval.
 */
export async function morningDigests(ctx: Ctx, day: ReminderDay): Promise<Digest[]> {
  const rows = await rowsOf<{ user_id: number; telegram_id: number; language: string; parts: OutboxPart[] }>(ctx.db, await digestQuery(ctx, day));
  return rows.map((row) => ({ userId: row.user_id, telegramId: Number(row.telegram_id), language: row.language, parts: row.parts }));
}

/** The statement `morningDigests` runs, for a look at its plan. */
export async function digestQuery(ctx: Ctx, day: ReminderDay): Promise<SQL> {
  return digestsOf(await recipients(ctx), day);
}

const digestKey = (today: IsoDate) => `digest:${today}:`;

/** Active staff with appeal work who have not muted the digest (nor had today's, when `unwrittenOn` is given). */
export function digestRecipients(ctx: Pick<Ctx, "db" | "demo">, unwrittenOn?: IsoDate) {
  return ctx.db
    .select({ user: users })
    .from(users)
    .leftJoin(staffReminderSettings, eq(staffReminderSettings.userId, users.id))
    .where(
      and(
        roleHoldersCondition(ctx, { roles: APPEAL_WORK_ROLES }),
        sql`not coalesce(${staffReminderSettings.digestMuted}, false)`,
        unwrittenOn === undefined ? undefined : notYetWritten(sql`${digestKey(unwrittenOn)} || ${users.id}`),
      ),
    );
}

/** The scheduled job: today's digests, written once per person per working day. */
export async function writeMorningDigests(ctx: Ctx): Promise<number> {
  const day = await reminderDay(ctx);
  if (!day) return 0;
  // Those who had today's digest are left out before anything is counted: a second run reads one short list.
  const people = await recipients(ctx, day.today);
  if (people.length === 0) return 0;
  const footer = JSON.stringify([{ key: "staff.digest.footer", params: {} }]);
  return enqueueSelected(
    ctx,
    ctx.db,
    sql`select ${digestKey(day.today)} || d.user_id as dedupe_key, d.telegram_id as chat_id, d.language,
          ${payloadOf(sql`'staff.digest.title'`, sql`jsonb_build_object('date', ${dottedDate(day.today)}::text)`, sql`d.parts || ${footer}::jsonb`)} as payload
        from (${digestsOf(people, day)}) d`,
  );
}

/** One appeal a line, number and deadline: the same in every language. */
export function lineList(lines: readonly DigestLine[]): string {
  return lines.map((l) => `${l.number} — ${dottedDate(l.dueOn)}`).join("\n");
}
