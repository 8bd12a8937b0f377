import type { AppealState } from "./states.js";
import type { AppealRow } from "./transition.js";

/** What the citizen is told at once (APPK; DESIGN §2): number, time received, registration date, deadline, holder. */
export interface Receipt {
  appealId: number;
  number: string;
  receivedAt: Date;
  registeredOn: string;
  dueOn: string;
  state: AppealState;
  /** Who holds it: a named person once assigned, the registry until then. */
  holder: "registry" | "reviewer";
  repeated: boolean;
}

export function receiptOf(row: AppealRow): Receipt {
  return {
    appealId: row.id,
    number: row.number,
    receivedAt: row.receivedAt,
    registeredOn: row.registeredOn,
    dueOn: row.dueOn,
    state: row.state as AppealState,
    holder: row.holderUserId === null ? "registry" : "reviewer",
    repeated: row.repeatedOfId !== null,
  };
}
