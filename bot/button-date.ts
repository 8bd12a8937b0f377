import type { IsoDate } from "../core/calendar/dates.js";

/** A date travels in button data as the number YYYYMMDD: short, and parsed like any other number part. */
export const dateToButton = (date: IsoDate): number => Number(date.replaceAll("-", ""));

export const dateFromButton = (value: number): IsoDate => {
  const s = String(value);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
};
