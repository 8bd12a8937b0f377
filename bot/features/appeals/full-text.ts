import { Composer, type InlineKeyboard } from "grammy";
import { appealFullText, type FullText } from "../../../core/appeals/full-text.js";
import { defineButtons, field } from "../../buttons/codec.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { MESSAGE_LIMIT, splitMessage } from "../../delivery/split-message.js";
import { formatDateTime } from "../../../locales/format.js";
import { escapeHtml, html, joinHtml, type Html } from "../../../locales/html.js";
import { answerCallback, send } from "../../messages.js";

/**
 * "Full text" under every screen that shows an appeal cut short (the staff card, the registrar's
 * queue, the approval screen): the appeal and each supplement whole, in as many numbered messages
 * as Telegram needs, in order.
 */
export const fullText = new Composer<BotContext>();

const buttons = defineButtons("ft", 1);
const fullTextButton = buttons.action("show", { appeal: field.id });

/** Room each message keeps for its number line ("12/12"), so number and part fit together. */
const NUMBER_ROOM = 40;

/** Adds the button to a screen's keyboard, on a row of its own. */
export function withFullText(ctx: BotContext, keyboard: InlineKeyboard, appealId: number): InlineKeyboard {
  return keyboard.row().text(ctx.label("staff.full_text.button"), fullTextButton.encode({ appeal: appealId }));
}

function wholeText(ctx: BotContext, full: FullText): Html {
  const sections = [joinHtml([ctx.t("staff.full_text.appeal", { number: full.number }), escapeHtml(full.text)], "\n\n")];
  full.supplements.forEach((supplement, i) => {
    const title = ctx.t("staff.full_text.supplement", { index: i + 1, at: formatDateTime(supplement.at) });
    sections.push(joinHtml([title, escapeHtml(supplement.text)], "\n\n"));
  });
  return joinHtml(sections, "\n\n");
}

/** The messages to send: the splitter cuts at paragraphs and words, and never inside an entity. */
function numberedParts(ctx: BotContext, whole: Html): Html[] {
  const parts = splitMessage(whole, MESSAGE_LIMIT - NUMBER_ROOM);
  return parts.map((part, i) => html`${ctx.t("staff.full_text.part", { part: i + 1, total: parts.length })}\n${part}`);
}

onPress(fullText, fullTextButton, async (ctx, { appeal }) => {
  const full = await appealFullText(ctx.deps.core, ctx.actor, appeal);
  await answerCallback(ctx);
  for (const part of numberedParts(ctx, wholeText(ctx, full))) await send(ctx, part);
});
