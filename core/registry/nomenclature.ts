import { asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { z } from "zod";
import { destructionActs, nomenclatureCases } from "../../db/schema/index.js";
import { almatyDate } from "../calendar/dates.js";
import type { Ctx } from "../shared/context.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { fileUnfiled, recordCounts, type CaseCounts } from "./case-records.js";
import type { NomenclatureRow } from "./nomenclature-file.js";

export type NomenclatureCase = typeof nomenclatureCases.$inferSelect;

const yearSchema = z.number().int().min(2000).max(2100);

/** The year in Almaty now: a nomenclature is drawn up for the calendar year. */
export function currentYear(ctx: Ctx): number {
  return Number(almatyDate(ctx.clock.now()).slice(0, 4));
}

export interface ImportResult {
  year: number;
  added: string[];
  updated: string[];
  /** Cases of the year the file no longer lists but that hold records or are in an act: kept. */
  kept: string[];
  removed: string[];
  filed: CaseCounts;
}

/**
 * Loads a year's nomenclature of cases (Reg. 7.1.3) from checked file rows, in one transaction:
 * cases whose index is known get the file's title, period, articles and default kind; new indexes
 * are added; a case the file leaves out goes only if nothing is filed to it and no act names it.
 * Then the year's records registered before the nomenclature existed are filed by default.
 */
export async function importNomenclature(ctx: Ctx, actor: Actor, raw: { year: number; rows: readonly NomenclatureRow[] }): Promise<ImportResult> {
  const year = parseInput(yearSchema, raw.year);
  assertCan(actor, "registry.nomenclature");
  return ctx.db.transaction(async (tx) => {
    // Two imports of a year at once would race on the indexes; readers and filing are not blocked.
    await tx.execute(sql`lock table ${nomenclatureCases} in share row exclusive mode`);
    const existing = await tx.select().from(nomenclatureCases).where(eq(nomenclatureCases.year, year)).orderBy(asc(nomenclatureCases.index));
    const known = new Map(existing.map((c) => [c.index, c]));
    const listed = new Set(raw.rows.map((r) => r.index));
    // Kinds may move between cases in one file: free them all first, the unique key checks each statement.
    await tx.update(nomenclatureCases).set({ holds: null }).where(eq(nomenclatureCases.year, year));

    const result: ImportResult = { year, added: [], updated: [], kept: [], removed: [], filed: { appeals: 0, entries: 0 } };
    const absent = existing.filter((c) => !listed.has(c.index));
    const counts = await recordCounts(tx, absent.map((c) => c.id));
    const inActs = await casesInActs(tx, absent.map((c) => c.id));
    const removable = absent.filter((c) => !counts.has(c.id) && !inActs.has(c.id)).map((c) => c.id);
    if (removable.length > 0) await tx.delete(nomenclatureCases).where(inArray(nomenclatureCases.id, removable));
    for (const c of absent) (removable.includes(c.id) ? result.removed : result.kept).push(c.index);

    for (const row of raw.rows) {
      const values = { title: row.title, retentionYears: row.retentionYears, articles: row.articles, holds: row.holds };
      const current = known.get(row.index);
      if (current) {
        await tx.update(nomenclatureCases).set(values).where(eq(nomenclatureCases.id, current.id));
        result.updated.push(row.index);
      } else {
        await tx.insert(nomenclatureCases).values({ year, index: row.index, ...values, createdAt: ctx.clock.now() });
        result.added.push(row.index);
      }
    }
    result.filed = await fileUnfiled(ctx, tx, actor, year);
    return result;
  });
}

export interface ShownCase extends NomenclatureCase, CaseCounts {}

/** A year's cases in index order, each with how many appeals and journal lines are filed to it. */
export async function showNomenclature(ctx: Ctx, actor: Actor, raw: { year: number }): Promise<ShownCase[]> {
  const year = parseInput(yearSchema, raw.year);
  assertCan(actor, "registry.nomenclature");
  const cases = await ctx.db.select().from(nomenclatureCases).where(eq(nomenclatureCases.year, year)).orderBy(asc(nomenclatureCases.index));
  const counts = await recordCounts(ctx.db, cases.map((c) => c.id));
  return cases.map((c) => ({ ...c, ...(counts.get(c.id) ?? { appeals: 0, entries: 0 }) }));
}

/** Which of these cases an act names, erased or not (acts are few: one a year). */
async function casesInActs(db: DbOrTx, caseIds: number[]): Promise<Set<number>> {
  if (caseIds.length === 0) return new Set();
  const named = new Set((await db.select({ caseIds: destructionActs.caseIds }).from(destructionActs)).flatMap((a) => a.caseIds));
  return new Set(caseIds.filter((id) => named.has(id)));
}
