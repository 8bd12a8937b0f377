import { Composer, InlineKeyboard } from "grammy";
import { byPostQueue, markSentByPost } from "../../../core/appeals/by-post.js";
import { defineButtons, field } from "../../buttons/codec.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { joinHtml, type Html } from "../../../locales/html.js";
import { MESSAGE_LIMIT } from "../../delivery/split-message.js";
import { formatDateTime } from "../../../locales/format.js";
import { answerCallback, send, showInPlace } from "../../messages.js";

/**
 * `/by_post`: appeals whose citizen could not be reached in chat, so their answers go by post,
 * with the addressee and the postal address; "Sent by post" takes one off the list, in place.
 */
export const byPostList = new Composer<BotContext>();

const sentButton = defineButtons("bp", 2).action("sent", { appeal: field.id });

/** Room kept for the closing "and N more" line. */
const MORE_RESERVE = 200;

async function listView(ctx: BotContext): Promise<{ text: Html; keyboard: InlineKeyboard }> {
  const { items, total } = await byPostQueue(ctx.deps.core, ctx.actor);
  const keyboard = new InlineKeyboard();
  if (total === 0) return { text: ctx.t("staff.by_post.empty"), keyboard };
  let text = ctx.t("staff.by_post.title", { count: total });
  let shown = 0;
  // As many as fit one message: an address may be long, and the buttons belong to this message.
  for (const item of items) {
    const block = joinHtml([
      ctx.t("staff.by_post.item", { number: item.number, addressee: item.addressee }),
      item.postalAddress ? ctx.t("staff.by_post.address", { address: item.postalAddress }) : ctx.t("staff.by_post.no_address"),
      ctx.t("staff.by_post.why", { reason: ctx.label(`staff.by_post.reason.${item.reason}`), since: formatDateTime(item.recordedAt) }),
    ]);
    if (text.length + block.length + 2 > MESSAGE_LIMIT - MORE_RESERVE) break;
    text = joinHtml([text, block], "\n\n");
    keyboard.text(ctx.label("staff.by_post.sent_button", { number: item.number }), sentButton.encode({ appeal: item.appealId })).row();
    shown++;
  }
  if (total > shown) text = joinHtml([text, ctx.t("staff.by_post.more", { count: total - shown })], "\n\n");
  return { text, keyboard };
}

byPostList.command("by_post", async (ctx) => {
  const { text, keyboard } = await listView(ctx);
  await send(ctx, text, keyboard);
});

onPress(byPostList, sentButton, async (ctx, { appeal }) => {
  const { number } = await markSentByPost(ctx.deps.core, ctx.actor, { appealId: appeal });
  await answerCallback(ctx, ctx.label("staff.by_post.marked", { number }));
  const { text, keyboard } = await listView(ctx);
  await showInPlace(ctx, ctx.callbackQuery?.message?.message_id, text, keyboard);
});
