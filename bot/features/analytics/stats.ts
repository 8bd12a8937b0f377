import { Composer, InlineKeyboard } from "grammy";
import { figures } from "../../../core/analytics/figures.js";
import { PERIOD_KINDS } from "../../../core/analytics/period.js";
import { readableUnits } from "../../../core/analytics/scope.js";
import { can } from "../../../core/shared/permissions.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { answerCallback, send, showInPlace } from "../../messages.js";
import { chartsButton, legalReportButton, showButton, workbookButton } from "./buttons.js";
import { summaryText } from "./summary-text.js";
import { periodOf, scopeOf, type View } from "./view.js";

/**
 * `/stats` (the analysis of appeals and reception): the Head and deputies read the department's figures, a unit's head
 * their unit's; a period is chosen with buttons, and every summary offers its charts and workbook.
 * The core decides who may read what; the screen only offers what it would allow.
 */
export const stats = new Composer<BotContext>();

async function keyboard(ctx: BotContext, view: View): Promise<InlineKeyboard> {
  const k = new InlineKeyboard();
  const at = (change: Partial<View>) => showButton.encode({ ...view, ...change });
  for (const period of PERIOD_KINDS) k.text(`${period === view.period ? "✅ " : ""}${ctx.label(`analytics.period.${period}`)}`, at({ period, back: 0 }));
  k.row().text(ctx.label("analytics.button.previous"), at({ back: view.back + 1 }));
  if (view.back > 0) k.text(ctx.label("analytics.button.next"), at({ back: view.back - 1 }));
  k.row();
  const scopes: { scope: View["scope"]; of: number; name: string }[] = [];
  if (can(ctx.actor, "analytics.read")) scopes.push({ scope: "d", of: 0, name: ctx.label("analytics.scope.department") });
  for (const unit of await readableUnits(ctx.deps.core, ctx.actor)) if (unit.kind === "sector") scopes.push({ scope: "u", of: unit.id, name: ctx.actor.language === "ru" ? unit.nameRu : unit.nameKk });
  if (scopes.length > 1) for (const s of scopes) k.text(`${s.scope === view.scope && s.of === view.of ? "✅ " : ""}${s.name}`, at({ scope: s.scope, of: s.of })).row();
  k.text(ctx.label("analytics.button.charts"), chartsButton.encode(view)).text(ctx.label("analytics.button.xlsx"), workbookButton.encode(view));
  if (view.scope === "d") {
    const report = (format: "pdf" | "xlsx") => legalReportButton.encode({ period: view.period, back: view.back, format });
    k.row().text(ctx.label("analytics.button.legal_pdf"), report("pdf")).text(ctx.label("analytics.button.legal_xlsx"), report("xlsx"));
  }
  return k;
}

/** Where `/stats` opens: the department for the leadership, otherwise the first unit the person heads. */
async function firstView(ctx: BotContext): Promise<View> {
  if (can(ctx.actor, "analytics.read")) return { scope: "d", of: 0, period: "month", back: 0 };
  const [unit] = (await readableUnits(ctx.deps.core, ctx.actor)).filter((u) => u.kind === "sector");
  // Nobody to show: the department's figures are asked for, and the core says why not.
  return unit ? { scope: "u", of: unit.id, period: "month", back: 0 } : { scope: "d", of: 0, period: "month", back: 0 };
}

async function renderSummary(ctx: BotContext, view: View) {
  const f = await figures(ctx.deps.core, ctx.actor, { period: periodOf(ctx, view), scope: scopeOf(view) });
  return { text: summaryText(ctx, f), keyboard: await keyboard(ctx, view) };
}

stats.command("stats", async (ctx) => {
  const { text, keyboard } = await renderSummary(ctx, await firstView(ctx));
  await send(ctx, text, keyboard);
});

onPress(stats, showButton, async (ctx, view) => {
  const { text, keyboard } = await renderSummary(ctx, view);
  await answerCallback(ctx);
  await showInPlace(ctx, ctx.callbackQuery?.message?.message_id, text, keyboard);
});
