import { idNumberProblem } from "../../core/shared/iin.js";
import type { DemoUser } from "../../sandbox/emulator/index.js";

/** Telegram ids of the scripted people: citizens from CITIZEN_BASE on, then the staff. */
const CITIZEN_BASE = 7_100_000;
export const STAFF = { registrar: 7_000_001, reviewer: 7_000_002, head: 7_000_003, reception: 7_000_004 } as const;

export const citizenId = (n: number) => CITIZEN_BASE + n;

/** A valid IIN for the n-th citizen: eleven digits from n, then the check digit that fits. */
export function iinOf(n: number): string {
  for (let variant = 0; variant <= 9; variant++) {
    const body = `90010${variant}${String(n).padStart(5, "0")}`;
    for (let check = 0; check <= 9; check++) if (idNumberProblem(body + check) === null) return body + check;
  }
  throw new Error(`no IIN for ${n}`);
}

/** Everyone in the emulator: `count` Russian-speaking citizens and one of each staff role. */
export function chaosUsers(count: number): DemoUser[] {
  const citizens = Array.from({ length: count }, (_, n) => ({ id: citizenId(n), first_name: `Гражданин ${n}`, language_code: "ru", demoRole: "citizen" as const }));
  const staff = Object.entries(STAFF).map(([role, id]) => ({ id, first_name: role, language_code: "ru", demoRole: role as DemoUser["demoRole"] }));
  return [...citizens, ...staff];
}
