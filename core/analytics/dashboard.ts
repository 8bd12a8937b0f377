import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { rowsOf } from "../../db/rows.js";
import { users } from "../../db/schema/index.js";
import { addDays, almatyDate, almatyHour, dottedDate, TIME_ZONE, weekday, type IsoDate } from "../calendar/dates.js";
import { headsOfJa } from "../control/heads.js";
import type { OutboxPart } from "../outbox/enqueue.js";
import type { Ctx } from "../shared/context.js";
import { can } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { actorByUserId } from "../people/users.js";
import { notifyStaff } from "../staff/notify.js";
import { periodAround } from "./period.js";

const MONDAY = 1;
/** The dashboard goes out from 09:00 Almaty: a catch-up run at an earlier restart waits for the hour. */
const DASHBOARD_HOUR = 9;
/** Lines per list: the message stays one screen; the rest is a tap away in /stats and /appeals. */
const LIST_MAX = 10;
/** Reviewers named in the load line. */
const LOAD_MAX = 3;
/** Buttons under the message, one per appeal named first (due this week, then overdue). */
export const DASHBOARD_BUTTONS_MAX = 12;

interface Item {
  id: number;
  number: string;
  due: IsoDate;
  holder: string | null;
}

export interface WeeklyDashboard {
  week: { from: IsoDate; to: IsoDate };
  /** On-time share of the week just ended and the one before it; null when nothing was decided. */
  onTime: { last: number | null; before: number | null };
  /** How many, and the first of them by deadline (the message names at most LIST_MAX). */
  due: { count: number; items: Item[] };
  overdue: { count: number; items: Item[] };
  load: { name: string; open: number; overdue: number }[];
  /** Complaints on an answer registered last week, and answers rated 👎 last week. */
  complaints: { count: number; items: { number: string; about: string | null; unsatisfied: boolean }[] };
  control: { due: number; overdue: number; items: { number: string; due: IsoDate; executor: string | null }[] };
}

/** On-time share of the days from `from` to `to`, from the daily figures. */
async function onTimeShare(db: DbOrTx, from: IsoDate, to: IsoDate): Promise<number | null> {
  const [row] = await rowsOf<{ on_time: number; all: number }>(
    db,
    sql`select coalesce(sum(appeals) filter (where value = 'on_time'), 0)::int as on_time, coalesce(sum(appeals), 0)::int as all
        from appeal_stats_daily where measure = 'closed_timely' and day between ${from}::date and ${to}::date`,
  );
  return row && row.all > 0 ? row.on_time / row.all : null;
}

/** Open appeals whose deadline is in [from, to], the earliest first, with who holds them (the open-deadline index). */
function firstDue(db: DbOrTx, from: IsoDate | null, to: IsoDate): Promise<Item[]> {
  return rowsOf<Item>(
    db,
    sql`select a.id, a.number, a.due_on::text as due, h.full_name as holder from appeals a left join users h on h.id = a.holder_user_id
        where a.closed_at is null and a.due_on <= ${to}::date ${from === null ? sql`` : sql`and a.due_on >= ${from}::date`}
        order by a.due_on, a.number limit ${DASHBOARD_BUTTONS_MAX}`,
  );
}

interface HeldWork {
  name: string | null;
  /** Reviewers and executors: the load lists them alone. */
  reviews: boolean;
  open: number;
  overdue: number;
  dueThisWeek: number;
}

/**
 * Open work per holder (unheld appeals as one row without a name): one pass over the open-holder
 * index gives the load and both counts, where three statements read the open appeals three times.
 */
function openWork(db: DbOrTx, today: IsoDate, weekEnd: IsoDate): Promise<HeldWork[]> {
  return rowsOf<HeldWork>(
    db,
    sql`select coalesce(h.full_name, h.id::text) as name, coalesce(h.role in ('reviewer', 'executor'), false) as reviews, w.open, w.overdue, w.due_this_week as "dueThisWeek"
        from (
          select holder_user_id, count(*)::int as open, (count(*) filter (where due_on < ${today}::date))::int as overdue,
            (count(*) filter (where due_on between ${today}::date and ${weekEnd}::date))::int as due_this_week
          from appeals where closed_at is null group by holder_user_id
        ) w left join users h on h.id = w.holder_user_id`,
  );
}

const sum = (work: HeldWork[], count: (w: HeldWork) => number) => work.reduce((n, w) => n + count(w), 0);

/** The LOAD_MAX reviewers holding the most open appeals, the name breaking ties. */
function heaviest(work: HeldWork[]): WeeklyDashboard["load"] {
  return work
    .filter((w) => w.reviews)
    .sort((a, b) => b.open - a.open || (a.name! < b.name! ? -1 : a.name! > b.name! ? 1 : 0))
    .slice(0, LOAD_MAX)
    .map(({ name, open, overdue }) => ({ name: name!, open, overdue }));
}

/**
 * What the Head reads on Monday morning (DESIGN §7): timeliness of the week just ended against the
 * week before, what falls due this week and who holds it, what is overdue, the three reviewers with
 * the most load, complaints and 👎 of last week, and control items due or overdue.
 */
export async function weeklyDashboard(ctx: Ctx): Promise<WeeklyDashboard> {
  const db = ctx.db;
  const today = almatyDate(ctx.clock.now());
  const week = periodAround("week", today);
  const last = periodAround("week", today, -1);
  const before = periodAround("week", today, -2);
  const lastStart = sql`(${last.from}::date::timestamp at time zone ${TIME_ZONE})`;
  const lastEnd = sql`((${last.to}::date + 1)::timestamp at time zone ${TIME_ZONE})`;
  // The one long read first, so it never waits for a connection behind the short ones.
  const [work, onTimeLast, onTimeBefore, due, overdue, complaints, control] = await Promise.all([
    openWork(db, today, week.to),
    onTimeShare(db, last.from, last.to),
    onTimeShare(db, before.from, before.to),
    firstDue(db, today, week.to),
    firstDue(db, null, addDays(today, -1)),
    rowsOf<{ number: string; about: string | null; unsatisfied: boolean; total: number }>(
      db,
      sql`select x.*, (count(*) over ())::int as total from (
            select c.number, o.number as about, false as unsatisfied from appeals c join appeals o on o.id = c.complaint_of_id
              where c.registered_on between ${last.from}::date and ${last.to}::date
            union all
            select a.number, null, true from appeal_events e join appeals a on a.id = e.appeal_id
              where e.kind = 'rated' and e.at >= ${lastStart} and e.at < ${lastEnd} and e.data ->> 'rating' = 'unsatisfied'
          ) x order by 1 limit ${LIST_MAX}`,
    ),
    rowsOf<{ number: string; due: string; executor: string | null }>(
      db,
      sql`select d.number, x.due_on::text as due, u.full_name as executor from control_executors x join control_documents d on d.id = x.document_id
          left join users u on u.id = x.user_id where x.state <> 'executed' and x.due_on <= ${week.to}::date order by x.due_on, d.number`,
    ),
  ]);
  return {
    week: { from: week.from, to: week.to },
    onTime: { last: onTimeLast, before: onTimeBefore },
    due: { count: sum(work, (w) => w.dueThisWeek), items: due },
    overdue: { count: sum(work, (w) => w.overdue), items: overdue },
    load: heaviest(work),
    complaints: { count: complaints[0]?.total ?? 0, items: complaints },
    control: { due: control.filter((c) => c.due >= today).length, overdue: control.filter((c) => c.due < today).length, items: control.slice(0, LIST_MAX) },
  };
}

const rate = (share: number | null) => (share === null ? "—" : `${Math.round(share * 1000) / 10}%`);
/** At most LIST_MAX lines, then how many more of `total` there are. */
const lines = (items: string[], total = items.length) => (items.length === 0 ? "—" : items.slice(0, LIST_MAX).join("\n") + (total > LIST_MAX ? `\n… +${total - LIST_MAX}` : ""));
const itemLine = (i: Item) => `${i.number} — ${dottedDate(i.due)} — ${i.holder ?? "—"}`;

/** The message's paragraphs: names, numbers and dates only, so each reader's language frames them. */
function parts(d: WeeklyDashboard, withAppeals: boolean): OutboxPart[] {
  const control: OutboxPart = {
    key: "analytics.dashboard.control",
    params: { due: d.control.due, overdue: d.control.overdue, list: lines(d.control.items.map((c) => `${c.number} — ${dottedDate(c.due)} — ${c.executor ?? "—"}`)) },
  };
  if (!withAppeals) return [control];
  return [
    { key: "analytics.dashboard.on_time", params: { rate: rate(d.onTime.last), previous: rate(d.onTime.before) } },
    { key: "analytics.dashboard.due", params: { count: d.due.count, list: lines(d.due.items.map(itemLine), d.due.count) } },
    { key: "analytics.dashboard.overdue", params: { count: d.overdue.count, list: lines(d.overdue.items.map(itemLine), d.overdue.count) } },
    { key: "analytics.dashboard.load", params: { list: lines(d.load.map((l) => `${l.name} — ${l.open} / ${l.overdue}`)) } },
    {
      key: "analytics.dashboard.complaints",
      params: { count: d.complaints.count, list: lines(d.complaints.items.map((c) => (c.unsatisfied ? `${c.number} 👎` : `${c.number} → ${c.about}`)), d.complaints.count) },
    },
    control,
  ];
}

/** Every active Head, and every Head of JA (who reads the control part). */
async function dashboardReaders(ctx: Ctx): Promise<Actor[]> {
  const heads = await ctx.db.select({ id: users.id }).from(users).where(and(eq(users.role, "head"), eq(users.active, true), eq(users.demo, false)));
  const ids = new Set([...heads.map((h) => h.id), ...(await headsOfJa(ctx.db))]);
  return (await Promise.all([...ids].map((id) => actorByUserId(ctx, id)))).filter((a) => a !== null);
}

/**
 * On Mondays from 09:00 each Head gets the dashboard, and each Head of JA its control part; one
 * message per person and week, whatever runs it. Returns how many it wrote.
 */
export async function sendWeeklyDashboards(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const today = almatyDate(now);
  if (weekday(today) !== MONDAY || almatyHour(now) < DASHBOARD_HOUR) return 0;
  // Counted while the readers are looked up: the week's figures are the same for each of them.
  const [readers, dashboard] = await Promise.all([dashboardReaders(ctx), weeklyDashboard(ctx)]);
  if (readers.length === 0) return 0;
  // This week's deadlines first: those can still be met.
  const buttons = [...dashboard.due.items, ...dashboard.overdue.items].slice(0, DASHBOARD_BUTTONS_MAX).map((i) => ({ ref: i.id, text: i.number }));
  return ctx.db.transaction(async (tx) => {
    let written = 0;
    for (const reader of readers) {
      // The appeals' figures for whoever may read them; the control part for every Head of JA.
      const withAppeals = can(reader, "analytics.read");
      const [first, ...rest] = parts(dashboard, withAppeals);
      written += await notifyStaff(ctx, tx, [reader.userId], (userId) => `analytics:dashboard:${dashboard.week.from}:${userId}`, {
        key: "analytics.dashboard.title",
        params: { from: dottedDate(dashboard.week.from), to: dottedDate(dashboard.week.to) },
        parts: [first!, ...rest],
        keyboard: { name: "analytics.dashboard", ref: withAppeals ? 1 : 0, items: withAppeals ? buttons : [] },
      });
    }
    return written;
  });
}
