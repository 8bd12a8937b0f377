import { DomainError } from "../shared/errors.js";
import type { WeeklyHours } from "./slot-rules.js";

const LINE = /^([1-7])(?:-([1-7]))?\s+(\d{2}:\d{2})-(\d{2}:\d{2})\s+(\d{1,3})(?:\s+(\d{2}:\d{2})-(\d{2}:\d{2}))?$/;

/**
 * Weekly hours as reception staff type them, one line per rule: weekdays (1 = Monday … 7 =
 * Sunday, a range allowed), hours, slot minutes, and optionally a break:
 * `1-5 10:00-13:00 30 11:30-12:00`. A wrong line is refused with its number, nothing changed.
 */
export function parseHoursText(text: string): WeeklyHours[] {
  const lines = text.split("\n").map((l) => l.trim().replace(/\s+/g, " ")).filter(Boolean);
  if (lines.length === 0) throw new DomainError("reception_hours_format", { line: 1 });
  return lines.flatMap((line, index) => {
    const m = LINE.exec(line);
    if (!m) throw new DomainError("reception_hours_format", { line: index + 1 });
    const [, from, to, starts, ends, slot, breakStarts, breakEnds] = m as unknown as [string, string, string | undefined, string, string, string, string | undefined, string | undefined];
    const first = Number(from);
    const last = Number(to ?? from);
    if (last < first) throw new DomainError("reception_hours_format", { line: index + 1 });
    return Array.from({ length: last - first + 1 }, (_, i) => ({
      weekday: (first + i) % 7,
      starts,
      ends,
      slotMinutes: Number(slot),
      breakStarts: breakStarts ?? null,
      breakEnds: breakEnds ?? null,
    }));
  });
}

/** The rules back as lines of the same shape, for the staff to see and copy. */
export function hoursText(rules: readonly WeeklyHours[]): string {
  return rules
    .map((r) => `${r.weekday === 0 ? 7 : r.weekday} ${r.starts}-${r.ends} ${r.slotMinutes}${r.breakStarts ? ` ${r.breakStarts}-${r.breakEnds}` : ""}`)
    .join("\n");
}
