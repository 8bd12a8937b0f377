import { weekday, type IsoDate } from "../calendar/dates.js";
import { isWorkingDay, type WorkingCalendar } from "../calendar/working-days.js";
import { almatyAt, minutesOf, timeOf } from "./local-time.js";

export interface WeeklyHours {
  weekday: number;
  starts: string;
  ends: string;
  slotMinutes: number;
  breakStarts: string | null;
  breakEnds: string | null;
}

export interface DatedException {
  day: IsoDate;
  kind: "off" | "extra";
  starts: string | null;
  ends: string | null;
  slotMinutes: number | null;
}

export interface SlotTime {
  startsAt: Date;
  endsAt: Date;
}

/**
 * The slots of one day (Reg. 7.3.1): none on a day off of the calendar or an `off` exception; an
 * `extra` exception's hours replace the weekly rules that day; slots that would cross a break or
 * run past the end are not made, and slots resume when the break ends.
 */
export function slotsOfDay(calendar: WorkingCalendar, hours: readonly WeeklyHours[], exception: DatedException | undefined, date: IsoDate): SlotTime[] {
  if (!isWorkingDay(calendar, date) || exception?.kind === "off") return [];
  const rules: WeeklyHours[] =
    exception?.kind === "extra"
      ? [{ weekday: weekday(date), starts: exception.starts!, ends: exception.ends!, slotMinutes: exception.slotMinutes!, breakStarts: null, breakEnds: null }]
      : hours.filter((h) => h.weekday === weekday(date));
  const slots: SlotTime[] = [];
  for (const rule of rules) {
    const end = minutesOf(rule.ends);
    const pause = rule.breakStarts && rule.breakEnds ? [minutesOf(rule.breakStarts), minutesOf(rule.breakEnds)] : null;
    for (let start = minutesOf(rule.starts); start + rule.slotMinutes <= end; ) {
      const finish = start + rule.slotMinutes;
      // A slot that would cross the break is not made; the next one starts when the break ends.
      if (pause && start < pause[1]! && finish > pause[0]!) {
        start = pause[1]!;
        continue;
      }
      slots.push({ startsAt: almatyAt(date, timeOf(start)), endsAt: almatyAt(date, timeOf(finish)) });
      start = finish;
    }
  }
  return slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
