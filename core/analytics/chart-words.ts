import type { ChartWords } from "./charts.js";
import { FINAL_OUTCOMES, type FinalOutcome } from "./measures.js";

/**
 * The charts' words from the locales (`analytics.chart.*`), through the caller's translator: the
 * bot calls `chartWords(ctx.label)` (or `ctx.t`: these texts have no markup and no values).
 */
export function chartWords(t: (key: string) => string): ChartWords {
  const k = (key: string) => t(`analytics.chart.${key}`);
  return {
    language: languageOf(k("language")),
    title: { weekly: k("title.weekly"), outcomes: k("title.outcomes"), onTime: k("title.on_time"), load: k("title.load") },
    axis: { week: k("axis.week"), appeals: k("axis.appeals"), onTimePercent: k("axis.on_time_percent"), openAppeals: k("axis.open_appeals") },
    outcome: Object.fromEntries(FINAL_OUTCOMES.map((o) => [o, k(`outcome.${o}`)])) as Record<FinalOutcome, string>,
    load: { withinDeadline: k("load.within_deadline"), overdue: k("load.overdue") },
    total: k("total"),
    noUnit: k("no_unit"),
    now: k("now"),
  };
}

function languageOf(code: string): ChartWords["language"] {
  return code === "kk" || code === "ru" ? code : "en";
}
