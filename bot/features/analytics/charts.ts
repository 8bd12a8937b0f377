import { Composer, InputFile } from "grammy";
import { chartWords } from "../../../core/analytics/chart-words.js";
import { renderFigureCharts } from "../../../core/analytics/chart-png.js";
import { figures } from "../../../core/analytics/figures.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { formatDate } from "../../../locales/format.js";
import { answerCallback, send } from "../../messages.js";
import { chartsButton } from "./buttons.js";
import { scopeName } from "./summary-text.js";
import { periodOf, scopeOf } from "./view.js";

/** "Charts" under a summary: received per week, outcomes, on time per sector, load per reviewer, as images. */
export const statsCharts = new Composer<BotContext>();

onPress(statsCharts, chartsButton, async (ctx, view) => {
  const f = await figures(ctx.deps.core, ctx.actor, { period: periodOf(ctx, view), scope: scopeOf(view) });
  await answerCallback(ctx);
  const images = await renderFigureCharts(f, chartWords(ctx.label));
  if (images.length === 0) return void (await send(ctx, ctx.t("analytics.summary.charts_none")));
  const caption = ctx.t("analytics.summary.charts_caption", { scope: scopeName(ctx, f), from: formatDate(f.period.from), to: formatDate(f.period.to) });
  for (const [i, image] of images.entries()) {
    await ctx.replyWithPhoto(new InputFile(image.png, `${image.name}.png`), i === 0 ? { caption, parse_mode: "HTML" } : {});
  }
});
