import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { numberSequences } from "../../db/schema/index.js";

/**
 * The next number of a prefix and year, inside the registering transaction. The upsert takes a
 * row lock held until commit, so concurrent registrations queue here; a rollback returns the
 * number, so the sequence has no gaps.
 */
export async function nextNumber(tx: Tx, prefix: string, year: number): Promise<{ seq: number; number: string }> {
  const [row] = await tx
    .insert(numberSequences)
    .values({ prefix, year, last: 1 })
    .onConflictDoUpdate({ target: [numberSequences.prefix, numberSequences.year], set: { last: sql`${numberSequences.last} + 1` } })
    .returning({ last: numberSequences.last });
  const seq = row!.last;
  return { seq, number: `${prefix}-${year}-${String(seq).padStart(6, "0")}` };
}
