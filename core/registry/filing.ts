import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { nomenclatureCases } from "../../db/schema/index.js";
import type { CaseHolds } from "./kinds.js";

/**
 * The nomenclature case a record of this kind and year is filed to by default (Reg. 7.1.3); null
 * while the year's nomenclature has no case for it, so registering never waits on the nomenclature.
 */
export async function defaultCase(db: DbOrTx, holds: CaseHolds, year: number): Promise<number | null> {
  const [row] = await db
    .select({ id: nomenclatureCases.id })
    .from(nomenclatureCases)
    .where(and(eq(nomenclatureCases.year, year), eq(nomenclatureCases.holds, holds)));
  return row?.id ?? null;
}
