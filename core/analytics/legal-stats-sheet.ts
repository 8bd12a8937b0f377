import { labels, type Label } from "../../locales/index.js";
import { APPEAL_TYPES } from "../appeals/kinds.js";
import { almatyDateTime, dottedDate } from "../calendar/dates.js";
import { loadLetterWords } from "../letters/letter-words.js";
import type { Ctx } from "../shared/context.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { officialNameOf } from "../staff/official-name.js";
import { assertTotalsAgree, INTAKE_CHANNELS, legalStatistics, totalsChecks, type LegalStatistics, type TotalsCheck } from "./legal-stats.js";
import { FINAL_OUTCOMES } from "./measures.js";
import type { Period } from "./period.js";

/** The languages the report is printed in: the state language and Russian. */
export const REPORT_LANGUAGES = ["kk", "ru"] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/**
 * What a file of the report is made from: a period (the figures are read then), or figures already
 * read (a chat that showed them and now sends the file). Either way the totals are checked again.
 */
export type LegalStatsInput = ({ period: Period } | { statistics: LegalStatistics }) & {
  /** The reader's language; by default the person's own, Kazakh unless they read Russian. */
  language?: ReportLanguage;
};

/** One line of the table: its number, its words, its count (none for a heading like «of them:»), and how far it is indented. */
export interface SheetLine {
  number: string;
  label: string;
  appeals: number | null;
  level: 0 | 1 | 2;
  /** A total of its section, printed bold. */
  total: boolean;
}

/** The report's table and every word around it, in one language: the PDF and the workbook print the same. */
export interface LegalStatsSheet {
  language: ReportLanguage;
  statistics: LegalStatistics;
  /** The department's name, a line per line, as its letterhead has it. */
  department: string[];
  title: string;
  subtitle: string;
  /** «2026 жылғы IV тоқсан». */
  periodName: string;
  /** «Кезең: 01.10.2026 – 31.12.2026». */
  periodDates: string;
  periodFrom: string;
  periodTo: string;
  columns: { number: string; indicator: string; appeals: string };
  lines: SheetLine[];
  /** «Checked: the totals agree», and each check with its numbers. */
  checked: string;
  checks: { label: string; left: number; relation: TotalsCheck["relation"]; right: number }[];
  asOf: string | null;
  madeAtLabel: string;
  madeByLabel: string;
  /** Who made it: their position (when their staff profile has one) and name. */
  madeBy: string;
  sheetName: string;
}

const ROMAN = ["I", "II", "III", "IV"];

function periodName(t: Label, period: Period): string {
  const [year, month] = period.from.split("-");
  const m = Number(month);
  switch (period.kind) {
    case "year":
      return t("analytics.legal_stats.period.year", { year: year! });
    case "quarter":
      return t("analytics.legal_stats.period.quarter", { year: year!, quarter: ROMAN[Math.floor((m - 1) / 3)]! });
    case "month":
      return t("analytics.legal_stats.period.month", { year: year!, month: t(`analytics.legal_stats.month.${m}`) });
    default:
      return t("analytics.legal_stats.period.range", { from: dottedDate(period.from), to: dottedDate(period.to) });
  }
}

function linesOf(t: Label, s: LegalStatistics): SheetLine[] {
  const line = (number: string, label: string, appeals: number | null, level: SheetLine["level"] = 0, total = false): SheetLine => ({ number, label, appeals, level, total });
  const words = (key: string) => t(`analytics.legal_stats.line.${key}`);
  return [
    line("1", words("pending_start"), s.pendingAtStart, 0, true),
    line("2", words("received"), s.received.total, 0, true),
    line("", words("by_type"), null, 1),
    ...APPEAL_TYPES.map((type, i) => line(`2.${i + 1}`, t(`appeal.type.${type}`), s.received.type[type], 2)),
    line("", words("by_channel"), null, 1),
    ...INTAKE_CHANNELS.map((channel, i) => line(`2.${APPEAL_TYPES.length + i + 1}`, t(`analytics.legal_stats.channel.${channel}`), s.received.channel[channel], 2)),
    line("3", words("decided"), s.decided.total, 0, true),
    line("", words("by_outcome"), null, 1),
    ...FINAL_OUTCOMES.map((outcome, i) => line(`3.${i + 1}`, t(`analytics.legal_stats.outcome.${outcome}`), s.decided.outcome[outcome], 2)),
    line("4", words("reviewed"), s.decided.reviewed, 0, true),
    line("4.1", words("late"), s.decided.late, 1),
    line("5", words("pending_end"), s.pendingAtEnd, 0, true),
  ];
}

/** The language the person reads, among the report's two. */
export function reportLanguage(actor: Actor, asked?: ReportLanguage): ReportLanguage {
  return asked ?? (actor.language === "ru" ? "ru" : "kk");
}

/**
 * The report's content in the reader's language, its figures read for the period or taken as given
 * (and then checked anew: a file is never made of figures that do not add up).
 */
export async function legalStatsSheet(ctx: Ctx, actor: Actor, input: LegalStatsInput): Promise<LegalStatsSheet> {
  let statistics: LegalStatistics;
  if ("statistics" in input) {
    assertCan(actor, "analytics.read");
    assertTotalsAgree(totalsChecks(input.statistics));
    statistics = input.statistics;
  } else {
    statistics = await legalStatistics(ctx, actor, { period: input.period });
  }
  const language = reportLanguage(actor, input.language);
  const t = labels(language);
  const [letter, maker] = await Promise.all([loadLetterWords(ctx.db, language), officialNameOf(ctx.db, actor.userId, language)]);
  const { period } = statistics;
  return {
    language,
    statistics,
    department: letter.letterhead.split(/\r?\n/),
    title: t("analytics.legal_stats.title"),
    subtitle: t("analytics.legal_stats.subtitle"),
    periodName: periodName(t, period),
    periodDates: t("analytics.legal_stats.period.dates", { from: dottedDate(period.from), to: dottedDate(period.to) }),
    periodFrom: t("analytics.legal_stats.period.from"),
    periodTo: t("analytics.legal_stats.period.to"),
    columns: { number: t("analytics.legal_stats.column.number"), indicator: t("analytics.legal_stats.column.indicator"), appeals: t("analytics.legal_stats.column.appeals") },
    lines: linesOf(t, statistics),
    checked: t("analytics.legal_stats.checked"),
    checks: totalsChecks(statistics).map((c) => ({ label: t(`analytics.legal_stats.check.${c.name}`), left: c.left, relation: c.relation, right: c.right })),
    asOf: statistics.asOf ? t("analytics.legal_stats.as_of", { time: almatyDateTime(statistics.asOf) }) : null,
    madeAtLabel: t("analytics.legal_stats.made_at"),
    madeByLabel: t("analytics.legal_stats.made_by"),
    madeBy: [maker.position, maker.signature || `Telegram ${actor.telegramId}`].filter(Boolean).join(" "),
    sheetName: t("analytics.legal_stats.sheet"),
  };
}
