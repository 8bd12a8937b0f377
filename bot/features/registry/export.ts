import { Composer, InputFile } from "grammy";
import { exportJournalBuffer } from "../../../core/registry/export.js";
import { periodBounds } from "../../../core/registry/export-period.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { journalWords } from "../../../locales/journal-words.js";
import { formatDate } from "../../../locales/format.js";
import { answerCallback, send } from "../../messages.js";
import { exportButton } from "./buttons.js";

/** A journal's workbook for a period, sent as a document: the whole journal, where the chat list shows the newest lines. */
export const journalExport = new Composer<BotContext>();

onPress(journalExport, exportButton, async (ctx, { journal, period }) => {
  const { from, to } = periodBounds(ctx.deps.core.clock.now(), period);
  // Cells read in Russian for a Russian reader; Kazakh, the state language, otherwise.
  const language = ctx.actor.language === "ru" ? "ru" : "kk";
  const { rows, buffer } = await exportJournalBuffer(ctx.deps.core, ctx.actor, { journal, from, to, language, words: journalWords });
  await answerCallback(ctx);
  const shownPeriod = { journal: ctx.label(`registry.journal.${journal}`), from: formatDate(from), to: formatDate(to) };
  if (rows === 0) return void (await send(ctx, ctx.t("registry.export.empty", shownPeriod)));
  await ctx.replyWithDocument(new InputFile(buffer, `${journal}-${from}-${to}.xlsx`), { caption: ctx.t("registry.export.caption", { ...shownPeriod, rows }), parse_mode: "HTML" });
});
