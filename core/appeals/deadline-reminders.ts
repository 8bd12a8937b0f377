import { and, asc, eq, gte, isNull, lt, lte } from "drizzle-orm";
import { roleHolders } from "../staff/recipients.js";
import { appeals, users } from "../../db/schema/index.js";
import { dottedDate } from "../calendar/dates.js";
import { nthWorkingDayAfter, previousWorkingDay, workingDaysBetween } from "../calendar/working-days.js";
import { enqueueMany } from "../outbox/enqueue.js";
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
  const rows = await ctx.db
    .select({ id: appeals.id, number: appeals.number, dueOn: appeals.dueOn, holder: users })
    .from(appeals)
    .innerJoin(users, eq(users.id, appeals.holderUserId))
    .where(and(isNull(appeals.closedAt), eq(users.active, true), gte(appeals.dueOn, day.today), lte(appeals.dueOn, until)))
    .orderBy(asc(appeals.dueOn), asc(appeals.id));
  return enqueueMany(
    ctx,
    ctx.db,
    rows.map((row) => ({
      dedupeKey: `last-days:${row.id}:${row.dueOn}`,
      chatId: row.holder.telegramId,
      language: languageOf(row.holder),
      key: "staff.reminder.last_days",
      params: { number: row.number, due: dottedDate(row.dueOn), left: workingDaysBetween(day.calendar, day.today, row.dueOn) + 1 },
    })),
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
  const [rows, approvers] = await Promise.all([
    ctx.db
      .select({ id: appeals.id, number: appeals.number, dueOn: appeals.dueOn, restricted: appeals.restricted, holder: users })
      .from(appeals)
      .leftJoin(users, and(eq(users.id, appeals.holderUserId), eq(users.active, true)))
      .where(and(isNull(appeals.closedAt), gte(appeals.dueOn, since), lt(appeals.dueOn, day.today)))
      .orderBy(asc(appeals.dueOn), asc(appeals.id)),
    currentApprovers(ctx, ctx.db, ctx.clock.now()),
  ]);
  const notices = rows.flatMap((row) => {
    const recipients = [
      ...(row.holder ? [{ user: row.holder, key: "staff.reminder.overdue" }] : []),
      ...approvers.filter((a) => a.clearance || !row.restricted).map((user) => ({ user, key: "staff.reminder.overdue_head" })),
    ];
    // Keyed per person: the Head who holds an appeal gets one notice, not two.
    return recipients.map(({ user, key }) => ({
      dedupeKey: `overdue:${row.id}:${row.dueOn}:${user.id}`,
      chatId: user.telegramId,
      language: languageOf(user),
      key,
      params: { number: row.number, due: dottedDate(row.dueOn) },
    }));
  });
  return enqueueMany(ctx, ctx.db, notices);
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
