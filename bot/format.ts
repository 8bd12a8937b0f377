import { dottedDate } from "../core/calendar/dates.js";

/** Dates as people in Kazakhstan read them (31.12.2026), always in Asia/Almaty. */
const TIME_ZONE = "Asia/Almaty";

export const formatDate = dottedDate;

export function formatDateTime(instant: Date): string {
  const parts = new Intl.DateTimeFormat("ru-RU", {
    timeZone: TIME_ZONE,
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(instant);
  return parts.replace(",", "");
}

/** A preview that fits a summary: the start of a long text, cut at a word. */
export function preview(text: string, max = 300): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 30))}…`;
}
