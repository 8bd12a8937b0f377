import { writeFile } from "node:fs/promises";
import { labels } from "../../locales/index.js";
import { isIsoDate } from "../../core/calendar/dates.js";
import { renderDayList } from "../../core/reception/day-list-pdf.js";
import { slotTime } from "../../core/reception/notices.js";
import { activeOfficials } from "../../core/reception/officials.js";
import { materialiseAllSlots } from "../../core/reception/schedule.js";
import { dayList } from "../../core/reception/views.js";
import { isDomainError } from "../../core/shared/errors.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { type CliCommand, parseCommandLine, usageError } from "../command.js";
import { withCore } from "../open-core.js";
import { explain } from "./explain.js";
import { runScheduleAction, ScheduleUsage } from "./reception-schedule.js";

const USAGE =
  "reception day --official ID --date YYYY-MM-DD [--pdf FILE] | reception officials | reception slots | " +
  "reception add --name-kk … --name-ru … --title-kk … --title-ru … --place-kk … --place-ru … [--direct] [--window DAYS] [--notice HOURS] | " +
  "reception hours --official ID --days 1-5 --hours 09:00-12:00 [--slot MIN] [--break 10:30-11:00] | " +
  "reception exception --official ID --date YYYY-MM-DD (--off | --none | --hours 15:00-17:00 [--slot MIN])";
const SCHEDULE_OPTIONS = ["name-kk", "name-ru", "title-kk", "title-ru", "place-kk", "place-ru", "window", "notice", "days", "hours", "slot", "break"] as const;

/** The printed list's words, in English for the console operator, from the same locale texts. */
function englishWords(title: string) {
  const t = labels("en");
  return {
    title,
    subtitle: "",
    columns: { time: t("reception.day.col_time"), citizen: t("reception.day.col_citizen"), phone: t("reception.day.col_phone"), matter: t("reception.day.col_matter"), status: t("reception.day.col_status") },
    status: (status: string) => t(`reception.day.status.${status}`).replace(/^\P{L}+/u, ""),
    empty: t("reception.day.empty"),
  };
}

export const receptionCommand: CliCommand = {
  name: "reception",
  usage: USAGE,
  summary: "personal reception (Reg. 7.3): officials and their schedules, an official's day list, remaking slots",
  async run(args, io) {
    const text = Object.fromEntries(SCHEDULE_OPTIONS.map((o) => [o, { type: "string" as const }]));
    const flags = { direct: { type: "boolean" as const }, off: { type: "boolean" as const }, none: { type: "boolean" as const } };
    const parsed = parseCommandLine(io, "reception", USAGE, args, { official: { type: "string" }, date: { type: "string" }, pdf: { type: "string" }, ...text, ...flags });
    if (typeof parsed === "number") return parsed;
    const { positionals, values } = parsed;
    const [action, ...rest] = positionals;
    if (rest.length > 0) return usageError(io, "reception", USAGE, "too many arguments");

    if (action === "officials") {
      return withCore(io.config, async (ctx) => {
        const officials = await activeOfficials(ctx);
        if (officials.length === 0) io.out("no officials receive citizens");
        for (const o of officials) io.out(`${o.id}  ${o.nameRu} — ${o.titleRu}${o.directBooking ? "  (direct booking)" : ""}${o.demo ? "  [demo]" : ""}`);
        return 0;
      });
    }
    if (action === "slots") {
      return withCore(io.config, async (ctx) => {
        io.out(`slots added or withdrawn: ${await materialiseAllSlots(ctx)}`);
        return 0;
      });
    }
    if (action === "add" || action === "hours" || action === "exception") {
      try {
        return await runScheduleAction(action, values, io);
      } catch (error) {
        if (error instanceof ScheduleUsage) return usageError(io, "reception", USAGE, error.message);
        throw error;
      }
    }
    if (action !== "day") return usageError(io, "reception", USAGE, `unknown action "${action ?? ""}"`);
    const officialId = Number(values.official);
    if (!Number.isSafeInteger(officialId) || officialId < 1) return usageError(io, "reception", USAGE, "--official needs the official's id (see: reception officials)");
    if (!values.date || !isIsoDate(values.date)) return usageError(io, "reception", USAGE, "--date needs a date as YYYY-MM-DD");
    const date = values.date;
    return withCore(io.config, async (ctx) => {
      try {
        const { official, entries } = await dayList(ctx, CONSOLE_OPERATOR, { officialId, date });
        io.out(`${official.nameRu}, ${date}: ${entries.length} booked`);
        for (const e of entries) io.out(`${slotTime(e.startsAt).slice(-5)}  ${e.status.padEnd(9)} ${e.citizenName}  ${e.phone}`);
        if (values.pdf) {
          await writeFile(values.pdf, await renderDayList(entries, englishWords(`${official.nameRu}, ${date}`)));
          io.out(`written: ${values.pdf}`);
        }
        return 0;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        io.err(`reception day: ${explain(error)}`);
        return 1;
      }
    });
  },
};
