import { addDays, addMonths, weekday, type IsoDate } from "../calendar/dates.js";
import { DomainError } from "../shared/errors.js";

export const PERIOD_KINDS = ["week", "month", "quarter", "year"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number] | "range";

/** A span of Almaty calendar days, both ends included. */
export interface Period {
  kind: PeriodKind;
  from: IsoDate;
  to: IsoDate;
}

function monday(date: IsoDate): IsoDate {
  return addDays(date, -((weekday(date) + 6) % 7));
}

/** The week, month, quarter or year holding `today`, or `offset` of them before (-1) or after. */
export function periodAround(kind: (typeof PERIOD_KINDS)[number], today: IsoDate, offset = 0): Period {
  if (kind === "week") {
    const from = addDays(monday(today), 7 * offset);
    return { kind, from, to: addDays(from, 6) };
  }
  const months = { month: 1, quarter: 3, year: 12 }[kind];
  const [y, m] = today.split("-").map(Number) as [number, number];
  const firstMonth = kind === "year" ? 1 : kind === "quarter" ? Math.floor((m - 1) / 3) * 3 + 1 : m;
  const from = addMonths(`${y}-${String(firstMonth).padStart(2, "0")}-01`, months * offset);
  return { kind, from, to: addDays(addMonths(from, months), -1) };
}

const PATTERNS: [RegExp, (m: RegExpMatchArray) => Period][] = [
  [/^(\d{4})$/, (m) => periodAround("year", `${m[1]}-01-01`)],
  [/^(\d{4})-Q([1-4])$/i, (m) => periodAround("quarter", `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, "0")}-01`)],
  [/^(\d{4})-(0[1-9]|1[0-2])$/, (m) => periodAround("month", `${m[1]}-${m[2]}-01`)],
  [/^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/, (m) => ({ kind: "range", from: m[1]!, to: m[2]! })],
];

/** A period as an operator types it: 2026, 2026-Q4, 2026-11, or 2026-10-01..2026-12-31. */
export function parsePeriod(text: string): Period {
  for (const [pattern, make] of PATTERNS) {
    const match = text.trim().match(pattern);
    if (!match) continue;
    const period = make(match);
    if (Number.isNaN(Date.parse(period.from)) || Number.isNaN(Date.parse(period.to)) || period.from > period.to) break;
    return period;
  }
  throw new DomainError("analytics_bad_period", { period: text });
}
