import { and, gte, lt, lte, ne } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { controlExecutors } from "../../db/schema/index.js";
import type { IsoDate } from "../calendar/dates.js";

export interface Timeliness {
  /** Executors' items due in the period. */
  due: number;
  /** Of those, executed by their due date. */
  onTime: number;
  /** Of those, executed after it. */
  late: number;
  /** Of those, not executed yet. */
  overdue: number;
  /** Every item not executed with its due date before `today`, whenever it fell due. */
  overdueTotal: number;
}

/** The timeliness of control items due from `from` to `to` inclusive, as of `today` (Reg. 7.1.8). */
export async function timeliness(db: DbOrTx, from: IsoDate, to: IsoDate, today: IsoDate): Promise<Timeliness> {
  const inPeriod = await db
    .select({ state: controlExecutors.state, dueOn: controlExecutors.dueOn, executedOn: controlExecutors.executedOn })
    .from(controlExecutors)
    .where(and(gte(controlExecutors.dueOn, from), lte(controlExecutors.dueOn, to)));
  const open = await db
    .select({ id: controlExecutors.id })
    .from(controlExecutors)
    .where(and(ne(controlExecutors.state, "executed"), lt(controlExecutors.dueOn, today)));
  const executed = inPeriod.filter((r) => r.executedOn !== null);
  return {
    due: inPeriod.length,
    onTime: executed.filter((r) => r.executedOn! <= r.dueOn).length,
    late: executed.filter((r) => r.executedOn! > r.dueOn).length,
    overdue: inPeriod.length - executed.length,
    overdueTotal: open.length,
  };
}
