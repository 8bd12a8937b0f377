import { Composer, InputFile } from "grammy";
import { resolveScope } from "../../../core/analytics/scope.js";
import { workbookBuffer } from "../../../core/analytics/workbook.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { formatDate } from "../../../locales/format.js";
import { answerCallback, send } from "../../messages.js";
import { workbookButton } from "./buttons.js";
import { scopeName } from "./summary-text.js";
import { periodOf, scopeOf } from "./view.js";

/** Telegram's limit on a file a bot sends. */
const DOCUMENT_MAX_BYTES = 50 * 1024 * 1024;

/** "XLSX" under a summary: its workbook, tables and the period's appeals, in the reader's language (Kazakh or Russian). */
export const statsWorkbook = new Composer<BotContext>();

onPress(statsWorkbook, workbookButton, async (ctx, view) => {
  // Refused before the press is answered, so whoever may not read it is told at once.
  await resolveScope(ctx.deps.core, ctx.actor, scopeOf(view));
  await answerCallback(ctx);
  const period = periodOf(ctx, view);
  const { rows, figures, buffer } = await workbookBuffer(ctx.deps.core, ctx.actor, { period, scope: scopeOf(view), words: (key) => ctx.label(key) });
  if (buffer.length > DOCUMENT_MAX_BYTES) return void (await send(ctx, ctx.t("analytics.workbook.too_big", { mb: Math.ceil(buffer.length / 1024 / 1024) })));
  const caption = ctx.t("analytics.workbook.caption", { scope: scopeName(ctx, figures), from: formatDate(period.from), to: formatDate(period.to), rows });
  await ctx.replyWithDocument(new InputFile(buffer, `stats-${period.from}-${period.to}.xlsx`), { caption, parse_mode: "HTML" });
});
