/**
 * Calendar dates as `YYYY-MM-DD` strings in Asia/Almaty, the department's time zone. Plain strings
 * compare and key well and carry no time-of-day to go wrong across zones.
 */
export const TIME_ZONE = "Asia/Almaty";

export type IsoDate = string;

const formatter = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The Almaty calendar date of an instant. */
export function almatyDate(instant: Date): IsoDate {
  return formatter.format(instant);
}

const offsetFormatter = new Intl.DateTimeFormat("en-US", { timeZone: TIME_ZONE, timeZoneName: "longOffset" });
/** Offsets by date: a formatter's parts cost a tenth of a millisecond, and a booking asks several times. */
const offsets = new Map<IsoDate, string>();

/** Almaty's offset on a date ("+05:00"), read from the time-zone database rather than assumed. */
export function almatyOffset(date: IsoDate): string {
  let offset = offsets.get(date);
  if (offset === undefined) {
    const zone = offsetFormatter.formatToParts(new Date(`${date}T12:00:00Z`)).find((p) => p.type === "timeZoneName")?.value;
    offset = zone?.replace("GMT", "") || "Z";
    // Dates asked for are few (this year's, give or take); the bound only guards against a runaway caller.
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(date, offset);
  }
  return offset;
}

const dateTimeFormatter = new Intl.DateTimeFormat("ru-RU", { timeZone: TIME_ZONE, day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" });

/** An instant as people here read it (31.03.2026 10:30), on Almaty's clocks. */
export function almatyDateTime(instant: Date): string {
  return dateTimeFormatter.format(instant).replace(",", "");
}

/** A date as people in Kazakhstan read it: 31.12.2026. */
export function dottedDate(date: IsoDate): string {
  const [y, m, d] = date.split("-");
  return `${d}.${m}.${y}`;
}

/** A date typed as people write it (31.12.2026, 31/12/2026) or as YYYY-MM-DD; null when it is no real date. */
export function parseTypedDate(text: string): IsoDate | null {
  const trimmed = text.trim();
  const dotted = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(trimmed);
  const iso = dotted ? `${dotted[3]}-${dotted[2]!.padStart(2, "0")}-${dotted[1]!.padStart(2, "0")}` : trimmed;
  return isIsoDate(iso) ? iso : null;
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, day] = date.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return target.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

const hourFormatter = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, hour: "2-digit", hourCycle: "h23" });

/** The hour (0–23) of an instant on Almaty's clocks. */
export function almatyHour(instant: Date): number {
  return Number(hourFormatter.format(instant));
}

/** Every date from `from` to `to`, both included. */
export function datesFrom(from: IsoDate, to: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}
