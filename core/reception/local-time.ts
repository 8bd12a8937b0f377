import { TIME_ZONE, type IsoDate } from "../calendar/dates.js";

/** Almaty's offset on a date ("+05:00"), read from the time-zone database rather than assumed. */
function offsetOn(date: IsoDate): string {
  const noonUtc = new Date(`${date}T12:00:00Z`);
  const zone = new Intl.DateTimeFormat("en-US", { timeZone: TIME_ZONE, timeZoneName: "longOffset" }).formatToParts(noonUtc).find((p) => p.type === "timeZoneName")?.value;
  return zone?.replace("GMT", "") || "Z";
}

/** The instant of an Almaty wall-clock time (`HH:MM`) on a date. */
export function almatyAt(date: IsoDate, time: string): Date {
  return new Date(`${date}T${time}:00${offsetOn(date)}`);
}

/** `HH:MM` → minutes since midnight, and back. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

export const HOUR_MS = 3_600_000;
