import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { rowsOf } from "../../db/rows.js";
import type { Ctx } from "../shared/context.js";

/**
 * A notice's payload built in SQL, in the shape `enqueueMany` stores: a locale key, its parameters
 * (a `jsonb_build_object`), no files, and optionally further paragraphs (a jsonb array of parts).
 */
export const payloadOf = (key: SQL, params: SQL, parts?: SQL) =>
  sql`jsonb_build_object('key', ${key}, 'params', ${params}, 'fileIds', '[]'::jsonb${parts ? sql`, 'parts', ${parts}` : sql``})`;

/**
 * Writes the messages a query selects — columns `dedupe_key`, `chat_id`, `language`, `payload` —
 * in one statement, without their rows passing through Node: a morning job over national numbers
 * of appeals. A query that filters with `notYetWritten` builds nothing for keys already written, so
 * a second run costs an index probe per candidate; keys go in sorted order, so two writers wait for
 * each other instead of deadlocking. Returns how many were new.
 */
export async function enqueueSelected(ctx: Ctx, db: DbOrTx, messages: SQL): Promise<number> {
  const now = ctx.clock.now().toISOString();
  const [row] = await rowsOf<{ written: number }>(
    db,
    sql`with written as (
          insert into outbox (dedupe_key, chat_id, language, payload, not_before, due_at, created_at)
          select m.dedupe_key, m.chat_id, m.language, m.payload, ${now}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
          from (${messages}) m
          order by m.dedupe_key
          on conflict (dedupe_key) do nothing
          returning 1
        )
        select count(*)::int as written from written`,
  );
  return row!.written;
}

/** A condition for a query given to `enqueueSelected`: no message with this key was written yet. */
export const notYetWritten = (dedupeKey: SQL) => sql`not exists (select 1 from outbox o where o.dedupe_key = ${dedupeKey})`;
