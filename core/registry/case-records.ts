import { and, count, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../db/client.js";
import { appealEvents, appeals, journalEntries, journalEntryEvents, nomenclatureCases } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import type { Actor } from "../shared/roles.js";
import { recordedUserId } from "../staff/operator.js";
import { JOURNALS } from "./kinds.js";

export interface CaseCounts {
  appeals: number;
  entries: number;
}

/** How many appeals and journal lines each case holds, by case id; a case with none is absent. */
export async function recordCounts(db: DbOrTx, caseIds: readonly number[]): Promise<Map<number, CaseCounts>> {
  const counts = new Map<number, CaseCounts>();
  if (caseIds.length === 0) return counts;
  const of = (id: number) => counts.get(id) ?? counts.set(id, { appeals: 0, entries: 0 }).get(id)!;
  const [appealRows, entryRows] = await Promise.all([
    db.select({ caseId: appeals.caseId, n: count() }).from(appeals).where(inArray(appeals.caseId, [...caseIds])).groupBy(appeals.caseId),
    db.select({ caseId: journalEntries.caseId, n: count() }).from(journalEntries).where(inArray(journalEntries.caseId, [...caseIds])).groupBy(journalEntries.caseId),
  ]);
  for (const r of appealRows) of(r.caseId!).appeals = r.n;
  for (const r of entryRows) of(r.caseId!).entries = r.n;
  return counts;
}

/**
 * Files the year's records that came before its nomenclature to the cases that hold their kind,
 * each with a `filed` event. Records of a kind no case holds stay unfiled until one does.
 */
export async function fileUnfiled(ctx: Ctx, tx: Tx, actor: Actor, year: number): Promise<CaseCounts> {
  const cases = await tx.select().from(nomenclatureCases).where(eq(nomenclatureCases.year, year));
  const holding = (holds: string) => cases.find((c) => c.holds === holds);
  const now = ctx.clock.now();
  const actorUserId = recordedUserId(actor);
  const filed: CaseCounts = { appeals: 0, entries: 0 };

  const appealsCase = holding("appeals");
  if (appealsCase) {
    const rows = await tx
      .update(appeals)
      .set({ caseId: appealsCase.id })
      .where(and(eq(appeals.year, year), isNull(appeals.caseId)))
      .returning({ id: appeals.id });
    if (rows.length > 0)
      await tx.insert(appealEvents).values(rows.map((r) => ({ appealId: r.id, at: now, actorUserId, kind: "filed", data: { case: appealsCase.index } })));
    filed.appeals = rows.length;
  }
  for (const journal of JOURNALS) {
    const target = holding(journal);
    if (!target) continue;
    const rows = await tx
      .update(journalEntries)
      .set({ caseId: target.id })
      .where(and(eq(journalEntries.journal, journal), eq(journalEntries.year, year), isNull(journalEntries.caseId)))
      .returning({ id: journalEntries.id });
    if (rows.length > 0)
      await tx.insert(journalEntryEvents).values(rows.map((r) => ({ entryId: r.id, at: now, actorUserId, kind: "filed", data: { case: target.index } })));
    filed.entries += rows.length;
  }
  return filed;
}
