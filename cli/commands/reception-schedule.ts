import { isIsoDate } from "../../core/calendar/dates.js";
import { addOfficial } from "../../core/reception/officials.js";
import { setException, setWeeklyHours } from "../../core/reception/schedule.js";
import { isDomainError } from "../../core/shared/errors.js";
import type { Ctx } from "../../core/shared/context.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import type { CliIo } from "../command.js";
import { withCore } from "../open-core.js";
import { explain } from "./explain.js";

/** What `parseArgs` gives for the schedule's options. */
export interface ScheduleValues {
  official?: string;
  "name-kk"?: string;
  "name-ru"?: string;
  "title-kk"?: string;
  "title-ru"?: string;
  "place-kk"?: string;
  "place-ru"?: string;
  direct?: boolean;
  window?: string;
  notice?: string;
  days?: string;
  hours?: string;
  slot?: string;
  break?: string;
  date?: string;
  off?: boolean;
  none?: boolean;
}

/** A wrong option, said in one line; the caller prints the usage. */
export class ScheduleUsage extends Error {}

const SPAN = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;

function span(value: string | undefined, option: string): { starts: string; ends: string } {
  if (!value || !SPAN.test(value)) throw new ScheduleUsage(`--${option} needs HH:MM-HH:MM`);
  const [starts, ends] = value.split("-") as [string, string];
  return { starts, ends };
}

function whole(value: string | undefined, option: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new ScheduleUsage(`--${option} needs a whole number`);
  return n;
}

/** `1-5` or `1,3,5`: weekdays, 1 = Monday … 7 = Sunday as people count them. */
function weekdays(value: string | undefined): number[] {
  const m = value ? /^([1-7])-([1-7])$/.exec(value) : null;
  const days = m ? Array.from({ length: Number(m[2]) - Number(m[1]) + 1 }, (_, i) => Number(m[1]) + i) : (value ?? "").split(",").map(Number);
  if (days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) throw new ScheduleUsage("--days needs weekdays such as 1-5 or 1,3,5 (1 = Monday)");
  return days.map((d) => d % 7);
}

function required(values: ScheduleValues, option: keyof ScheduleValues): string {
  const value = values[option];
  if (typeof value !== "string" || value.trim() === "") throw new ScheduleUsage(`--${option} is required`);
  return value;
}

/** Runs a schedule change; the use case's refusal is one line and exit code 1. */
function refusing(io: CliIo, action: string, work: (ctx: Ctx) => Promise<string>): Promise<number> {
  return withCore(io.config, async (ctx) => {
    try {
      io.out(await work(ctx));
      return 0;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      io.err(`reception ${action}: ${explain(error)}`);
      return 1;
    }
  });
}

/** `reception add|hours|exception`: the officials and their schedules, from the console. */
export function runScheduleAction(action: "add" | "hours" | "exception", values: ScheduleValues, io: CliIo): Promise<number> {
  if (action === "add") {
    const input = {
      nameKk: required(values, "name-kk"),
      nameRu: required(values, "name-ru"),
      titleKk: required(values, "title-kk"),
      titleRu: required(values, "title-ru"),
      placeKk: required(values, "place-kk"),
      placeRu: required(values, "place-ru"),
      bookingWindowDays: whole(values.window, "window", 30),
      minNoticeHours: whole(values.notice, "notice", 24),
      directBooking: values.direct ?? false,
    };
    return refusing(io, action, async (ctx) => {
      const official = await addOfficial(ctx, CONSOLE_OPERATOR, input);
      return `official ${official.id}: ${official.nameRu}; set the hours with: reception hours --official ${official.id} …`;
    });
  }
  const officialId = whole(values.official, "official");
  if (action === "hours") {
    const { starts, ends } = span(values.hours, "hours");
    const pause = values.break === undefined ? null : span(values.break, "break");
    const slotMinutes = whole(values.slot, "slot", 30);
    const hours = weekdays(values.days).map((weekday) => ({ weekday, starts, ends, slotMinutes, breakStarts: pause?.starts ?? null, breakEnds: pause?.ends ?? null }));
    return refusing(io, action, async (ctx) => `weekly hours set; slots added or withdrawn: ${await setWeeklyHours(ctx, CONSOLE_OPERATOR, { officialId, hours })}`);
  }
  const day = values.date;
  if (!day || !isIsoDate(day)) throw new ScheduleUsage("--date needs a date as YYYY-MM-DD");
  const kind = values.off ? "off" : values.none ? "none" : "extra";
  const extra = kind === "extra" ? { ...span(values.hours, "hours"), slotMinutes: whole(values.slot, "slot", 30) } : {};
  return refusing(io, action, async (ctx) => `${day}: ${kind}; slots added or withdrawn: ${await setException(ctx, CONSOLE_OPERATOR, { officialId, day, kind, ...extra })}`);
}
