import { and, asc, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { destructionActs, nomenclatureCases } from "../../db/schema/index.js";
import { nextNumber } from "../appeals/numbering.js";
import { almatyDate } from "../calendar/dates.js";
import { loadCalendar } from "../calendar/calendar-store.js";
import { isWorkingDay } from "../calendar/working-days.js";
import type { Ctx } from "../shared/context.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { recordCounts, type CaseCounts } from "./case-records.js";
import type { NomenclatureCase } from "./nomenclature.js";
import { tellOfDraftedAct } from "./retention-notice.js";

/** Destruction acts are numbered without gaps per year under their own prefix (акт). */
export const ACT_PREFIX = "АКТ";

export interface DueCase extends NomenclatureCase, CaseCounts {
  /** The last year the case is kept: its term runs from 1 January after its own year. */
  keptThrough: number;
}

/**
 * Temporary cases whose term ends by the end of `year` (a 5-year case of 2021 is kept through 2026)
 * and that no act names yet. Permanent cases never come here.
 */
async function casesDue(db: DbOrTx, year: number): Promise<DueCase[]> {
  const cases = await db
    .select()
    .from(nomenclatureCases)
    .where(
      and(
        isNotNull(nomenclatureCases.retentionYears),
        sql`${nomenclatureCases.year} + ${nomenclatureCases.retentionYears} <= ${year}`,
        sql`not exists (select 1 from ${destructionActs} where ${destructionActs.caseIds} @> jsonb_build_array(${nomenclatureCases.id}))`,
      ),
    )
    .orderBy(asc(nomenclatureCases.year), asc(nomenclatureCases.index));
  const counts = await recordCounts(db, cases.map((c) => c.id));
  return cases.map((c) => ({ ...c, keptThrough: c.year + c.retentionYears!, ...(counts.get(c.id) ?? { appeals: 0, entries: 0 }) }));
}

/**
 * The list for the expert review of value (Reg. 7.1.3): the cases whose term ends by the end of
 * `year` and are not yet in an act, with what each holds.
 */
export async function dueForReview(ctx: Ctx, actor: Actor, year: number): Promise<DueCase[]> {
  assertCan(actor, "registry.nomenclature");
  return casesDue(ctx.db, year);
}

/** Thrown inside the transaction to give the act's number back when another run drafted it first. */
class NothingDue extends Error {}

/**
 * After a year ends, on a working day: one act for every temporary case whose term ran out and that
 * no act names yet, numbered АКТ-<year>-…, and the registrars and the Head told. A run that finds
 * nothing due writes nothing; a missed January is caught up by the next run. Returns 1 when drafted.
 */
export async function draftDestructionAct(ctx: Ctx): Promise<number> {
  const today = almatyDate(ctx.clock.now());
  const year = Number(today.slice(0, 4));
  if ((await casesDue(ctx.db, year - 1)).length === 0) return 0;
  if (!isWorkingDay(await loadCalendar(ctx.db), today)) return 0;
  try {
    return await ctx.db.transaction(async (tx) => {
      // The number's row lock queues a second instance here; it then finds the cases taken.
      const { seq, number } = await nextNumber(tx, ACT_PREFIX, year);
      const due = await casesDue(tx, year - 1);
      if (due.length === 0) throw new NothingDue();
      const [act] = await tx
        .insert(destructionActs)
        .values({ number, year, caseIds: due.map((c) => c.id), draftedAt: ctx.clock.now() })
        .returning();
      ctx.log.info({ act: act!.id, seq, cases: due.length }, "destruction act drafted");
      await tellOfDraftedAct(ctx, tx, act!, due);
      return 1;
    });
  } catch (error) {
    if (error instanceof NothingDue) return 0;
    throw error;
  }
}
