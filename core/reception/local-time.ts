import { almatyOffset, type IsoDate } from "../calendar/dates.js";

/** The instant of an Almaty wall-clock time (`HH:MM`) on a date. */
export function almatyAt(date: IsoDate, time: string): Date {
  return new Date(`${date}T${time}:00${almatyOffset(date)}`);
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
