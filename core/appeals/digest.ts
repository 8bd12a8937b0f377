import { and, asc, eq, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { appeals, staffReminderSettings, users } from "../../db/schema/index.js";
import { dottedDate, type IsoDate } from "../calendar/dates.js";
import { nthWorkingDayAfter } from "../calendar/working-days.js";
import { enqueueMany, type OutboxPart } from "../outbox/enqueue.js";
import type { Ctx } from "../shared/context.js";
import { APPEAL_WORK_ROLES } from "../shared/roles.js";
import { currentApprovers, type StaffRow } from "../staff/approvers.js";
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

export interface Digest {
  user: StaffRow;
  groups: Record<DigestGroup, DigestLine[]>;
}

/**
 * The morning digest of each active member of staff who has work and has not muted it: appeals
 * they hold that are overdue, due today or due within 3 working days, and for the Head (or the
 * deputy acting for the Head) the drafts awaiting approval. Four reads for the whole staff, not
 * a round per person.
 */
export async function morningDigests(ctx: Ctx, { today, calendar }: ReminderDay): Promise<Digest[]> {
  const horizon = nthWorkingDayAfter(calendar, today, SOON_WORKING_DAYS);
  const [staff, held, awaiting, approvers] = await Promise.all([
    digestRecipients(ctx),
    heldAppealsDueBy(ctx.db, horizon),
    awaitingApproval(ctx.db),
    currentApprovers(ctx, ctx.db, ctx.clock.now()),
  ]);
  const digests = new Map<number, Digest>(staff.map(({ user }) => [user.id, { user, groups: { overdue: [], today: [], soon: [], approval: [] } }]));
  for (const row of held) {
    const groups = digests.get(row.holderUserId!)?.groups;
    groups?.[row.dueOn < today ? "overdue" : row.dueOn === today ? "today" : "soon"].push(row);
  }
  for (const approver of approvers) {
    const groups = digests.get(approver.id)?.groups;
    groups?.approval.push(...awaiting.filter((a) => approver.clearance || !a.restricted));
  }
  return [...digests.values()].filter((d) => DIGEST_GROUPS.some((g) => d.groups[g].length > 0));
}

/** Active staff with appeal work who have not muted the digest. */
export function digestRecipients(ctx: Pick<Ctx, "db" | "demo">) {
  return ctx.db
    .select({ user: users })
    .from(users)
    .leftJoin(staffReminderSettings, eq(staffReminderSettings.userId, users.id))
    .where(and(roleHoldersCondition(ctx, { roles: APPEAL_WORK_ROLES }), sql`not coalesce(${staffReminderSettings.digestMuted}, false)`));
}

/** Open appeals someone holds whose deadline is `horizon` or earlier, overdue ones included. */
export function heldAppealsDueBy(db: Db, horizon: IsoDate) {
  return db
    .select({ holderUserId: appeals.holderUserId, number: appeals.number, dueOn: appeals.dueOn })
    .from(appeals)
    .where(and(isNull(appeals.closedAt), isNotNull(appeals.holderUserId), lte(appeals.dueOn, horizon)))
    .orderBy(asc(appeals.dueOn), asc(appeals.number));
}

export function awaitingApproval(db: Db) {
  return db
    .select({ number: appeals.number, dueOn: appeals.dueOn, restricted: appeals.restricted })
    .from(appeals)
    .where(eq(appeals.state, "awaiting_approval"))
    .orderBy(asc(appeals.dueOn), asc(appeals.number));
}

/** The scheduled job: today's digests, written once per person per working day. */
export async function writeMorningDigests(ctx: Ctx): Promise<number> {
  const day = await reminderDay(ctx);
  if (!day) return 0;
  const digests = await morningDigests(ctx, day);
  return enqueueMany(
    ctx,
    ctx.db,
    digests.map((digest) => ({
      dedupeKey: `digest:${day.today}:${digest.user.id}`,
      chatId: digest.user.telegramId,
      language: languageOf(digest.user),
      key: "staff.digest.title",
      params: { date: dottedDate(day.today) },
      parts: [...digestParts(digest), { key: "staff.digest.footer", params: {} }],
    })),
  );
}

function digestParts(digest: Digest): OutboxPart[] {
  return DIGEST_GROUPS.filter((g) => digest.groups[g].length > 0).map((g) => ({
    key: `staff.digest.${g}`,
    params: { count: digest.groups[g].length, list: lineList(digest.groups[g]), days: SOON_WORKING_DAYS },
  }));
}

/** One appeal a line, number and deadline: the same in every language. */
export function lineList(lines: readonly DigestLine[]): string {
  return lines.map((l) => `${l.number} — ${dottedDate(l.dueOn)}`).join("\n");
}
