import { and, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { outbox } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import type { ScheduledJob } from "../shared/scheduled-job.js";

const DAY_MS = 86_400_000;
/** Rows per statement, so a first run over years of messages holds no long lock. */
const CHUNK = 5_000;

/**
 * A message as it is kept once its contents are erased: what kind of message it was (its locale
 * key) and its buttons (take.ts reads which notice a keyboard belongs to), without the parameters
 * and further paragraphs that carry names, an answer's text or an appeal's words. The row and its
 * dedupe key stay, so no job writes the message again.
 */
const ERASED_PAYLOAD = sql`jsonb_build_object('key', ${outbox.payload}->'key', 'params', '{}'::jsonb, 'fileIds', '[]'::jsonb)
  || jsonb_strip_nulls(jsonb_build_object('keyboard', ${outbox.payload}->'keyboard', 'edit', ${outbox.payload}->'edit'))`;

/**
 * Finished: nothing will send, edit the text of, or resend these. A given-up message waits for the
 * administrators, so age alone does not erase it. Spelled as the partial index spells it.
 */
const FINISHED = sql`${outbox.status} in ('sent','unreachable','cancelled')`;

async function eraseWhere(db: DbOrTx, now: Date, where: SQL | undefined): Promise<number> {
  const erased = await db
    .update(outbox)
    // A given-up message whose contents are gone cannot be sent again: it leaves the administrators' list.
    .set({ payload: ERASED_PAYLOAD, erasedAt: now, status: sql`case when ${outbox.status} = 'failed' then 'cancelled' else ${outbox.status} end` })
    .where(and(isNull(outbox.erasedAt), where))
    .returning({ id: outbox.id });
  return erased.length;
}

/**
 * Erases the contents of finished messages written more than `retentionDays` ago (Law 94-V: kept
 * no longer than their purpose needs; the appeal and its trail keep what was decided and sent).
 * Returns how many messages it erased.
 */
export async function eraseOldMessages(ctx: Ctx, retentionDays: number): Promise<number> {
  const now = ctx.clock.now();
  const before = new Date(now.getTime() - retentionDays * DAY_MS);
  let total = 0;
  for (;;) {
    const due = ctx.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(isNull(outbox.erasedAt), FINISHED, lt(outbox.createdAt, before)))
      .limit(CHUNK);
    const erased = await eraseWhere(ctx.db, now, inArray(outbox.id, due));
    total += erased;
    if (erased < CHUNK) return total;
  }
}

/**
 * The messages to citizens about these appeals, whatever their age, given-up ones too: their case's
 * personal data is being destroyed. One still on its way is left to arrive; its age erases it later.
 */
export function eraseMessagesAbout(db: DbOrTx, now: Date, appealIds: readonly number[]): Promise<number> {
  return eraseWhere(db, now, and(inArray(outbox.appealId, [...appealIds]), sql`${outbox.status} not in ('pending','sending')`));
}

/** Every night at 03:40, after the inbox's own pruning. */
export function outboxJobs(retentionDays: number): ScheduledJob[] {
  return [{ name: "outbox.erase", cron: "40 3 * * *", run: (ctx) => eraseOldMessages(ctx, retentionDays) }];
}
