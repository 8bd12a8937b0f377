import { Composer, InputFile } from "grammy";
import { legalStatsPdf } from "../../../core/analytics/legal-stats-pdf.js";
import { legalStatsXlsx } from "../../../core/analytics/legal-stats-xlsx.js";
import { legalStatistics } from "../../../core/analytics/legal-stats.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { formatDate } from "../../../locales/format.js";
import { answerCallback } from "../../messages.js";
import { legalReportButton } from "./buttons.js";
import { periodOf } from "./view.js";

/** The periodic report for the legal statistics body, as the Head sends it on: PDF or XLSX. */
export const legalReport = new Composer<BotContext>();

onPress(legalReport, legalReportButton, async (ctx, { period: kind, back, format }) => {
  const period = periodOf(ctx, { scope: "d", of: 0, period: kind, back });
  // Counted, and its totals checked, before the press is answered: a refusal is told at once.
  const statistics = await legalStatistics(ctx.deps.core, ctx.actor, { period });
  await answerCallback(ctx);
  const file = format === "pdf" ? await legalStatsPdf(ctx.deps.core, ctx.actor, { statistics }) : await legalStatsXlsx(ctx.deps.core, ctx.actor, { statistics });
  const caption = ctx.t("analytics.summary.legal_caption", { from: formatDate(period.from), to: formatDate(period.to) });
  await ctx.replyWithDocument(new InputFile(file, `legal-stats-${period.from}-${period.to}.${format}`), { caption, parse_mode: "HTML" });
});
