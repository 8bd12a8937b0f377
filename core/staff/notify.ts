import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { users } from "../../db/schema/index.js";
import { enqueue, type OutboxKeyboard, type OutboxPart } from "../outbox/enqueue.js";
import type { Ctx } from "../shared/context.js";
import { type Language } from "../shared/roles.js";
import { asStaffMember, roleHolders, STAFF_MEMBER_COLUMNS, type StaffFilter, type StaffMember } from "./recipients.js";

type Params = Record<string, string | number>;

export interface StaffNotice {
  key: string;
  /** The same for everyone, or written for each reader's language (a unit's Kazakh or Russian name). */
  params: Params | ((language: Language) => Params);
  fileIds?: number[];
  /** Further paragraphs, each its own locale key. */
  parts?: OutboxPart[];
  keyboard?: OutboxKeyboard;
}

/**
 * Writes one notice per active person, each in their own language, in the caller's transaction.
 * `dedupeKey(userId)` names the message, so writing it again keeps one. Returns how many were new.
 */
export async function notifyStaff(ctx: Ctx, db: DbOrTx, userIds: readonly number[], dedupeKey: (userId: number) => string, notice: StaffNotice): Promise<number> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return 0;
  const people = await db
    .select(STAFF_MEMBER_COLUMNS)
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.active, true)));
  return writeNotices(ctx, db, people.map(asStaffMember), dedupeKey, notice);
}

/** The same, to everyone who holds one of the roles now (in one unit when given). */
export async function notifyRoles(ctx: Ctx, db: DbOrTx, filter: StaffFilter, dedupeKey: (userId: number) => string, notice: StaffNotice): Promise<number> {
  return writeNotices(ctx, db, await roleHolders(ctx, db, filter), dedupeKey, notice);
}

async function writeNotices(ctx: Ctx, db: DbOrTx, people: readonly StaffMember[], dedupeKey: (userId: number) => string, notice: StaffNotice): Promise<number> {
  let written = 0;
  for (const person of people) {
    const fresh = await enqueue(ctx, db, {
      dedupeKey: dedupeKey(person.id),
      chatId: person.telegramId,
      language: person.language,
      key: notice.key,
      params: typeof notice.params === "function" ? notice.params(person.language) : notice.params,
      fileIds: notice.fileIds,
      parts: notice.parts,
      keyboard: notice.keyboard,
    });
    if (fresh) written++;
  }
  return written;
}
