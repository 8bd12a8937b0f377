import { addDays, addMonths, almatyDate, type IsoDate } from "../calendar/dates.js";

/** The periods a journal is exported for from chat, counted on Almaty's calendar. */
export const EXPORT_PERIODS = ["this_month", "last_month", "this_year"] as const;
export type ExportPeriod = (typeof EXPORT_PERIODS)[number];

/** The first and last day of a period around `now`, both included. */
export function periodBounds(now: Date, period: ExportPeriod): { from: IsoDate; to: IsoDate } {
  const today = almatyDate(now);
  const monthStart = `${today.slice(0, 7)}-01`;
  if (period === "this_year") return { from: `${today.slice(0, 4)}-01-01`, to: today };
  if (period === "this_month") return { from: monthStart, to: today };
  return { from: addMonths(monthStart, -1), to: addDays(monthStart, -1) };
}
