import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { users } from "../../db/schema/index.js";
import { enqueue, type OutboxKeyboard } from "../outbox/enqueue.js";
import type { Ctx } from "../shared/context.js";
import type { Language } from "../shared/roles.js";

type Params = Record<string, string | number>;

export interface StaffNotice {
  key: string;
  /** The same for everyone, or written for each reader's language (a unit's Kazakh or Russian name). */
  params: Params | ((language: Language) => Params);
  fileIds?: number[];
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
    .select({ id: users.id, telegramId: users.telegramId, language: users.language })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.active, true)));
  let written = 0;
  for (const person of people) {
    const language = (person.language ?? "kk") as Language;
    const fresh = await enqueue(ctx, db, {
      dedupeKey: dedupeKey(person.id),
      chatId: person.telegramId,
      language,
      key: notice.key,
      params: typeof notice.params === "function" ? notice.params(language) : notice.params,
      fileIds: notice.fileIds,
      keyboard: notice.keyboard,
    });
    if (fresh) written++;
  }
  return written;
}

/**
 * Who decides on an executor's report or request: the registrar (or deputy, or Head) who recorded
 * the document while they still work here; otherwise every active registrar, so nothing waits unseen.
 */
export async function deciders(db: DbOrTx, recordedBy: number | null): Promise<number[]> {
  if (recordedBy !== null) {
    const [recorder] = await db.select({ active: users.active, role: users.role }).from(users).where(eq(users.id, recordedBy));
    if (recorder?.active && ["registrar", "deputy", "head"].includes(recorder.role)) return [recordedBy];
  }
  const rows = await db.select({ id: users.id }).from(users).where(and(eq(users.role, "registrar"), eq(users.active, true)));
  return rows.map((r) => r.id);
}
