import { Composer, InlineKeyboard } from "grammy";
import { rateAnswer } from "../../../core/appeals/citizen-actions.js";
import { beginObjection, finishObjection, objectionFlow } from "../../../core/appeals/objection-flow.js";
import { ANSWER_KEYBOARD } from "../../../core/appeals/objection.js";
import { DomainError } from "../../../core/shared/errors.js";
import { defineButtons, field } from "../../buttons/codec.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { registerOutboxKeyboard } from "../../delivery/outbox-keyboards.js";
import { defineChatFlow } from "../../flows/chat-flow.js";
import { answerCallback, showInPlace, stripButtons } from "../../messages.js";

/**
 * The answer's own buttons: 👍, 👎 and "Complain about this answer", so the citizen acts where they
 * read it. 👎 and a complaint ask for the citizen's words, then put the answer before the Head.
 */
export const answerButtons = new Composer<BotContext>();

const buttons = defineButtons("an", 1);
const likeButton = buttons.action("like", { appeal: field.id });
const dislikeButton = buttons.action("dislike", { appeal: field.id });
const complainButton = buttons.action("complain", { appeal: field.id });
const noWordsButton = buttons.action("nowords", { version: field.version });

registerOutboxKeyboard(ANSWER_KEYBOARD, (label, appealId) =>
  new InlineKeyboard()
    .text(label("appeal.rate.satisfied"), likeButton.encode({ appeal: appealId }))
    .text(label("appeal.rate.unsatisfied"), dislikeButton.encode({ appeal: appealId }))
    .row()
    .text(label("appeal.answer_buttons.complain"), complainButton.encode({ appeal: appealId })),
);

/** Rated: only the complaint stays under the answer. */
const complaintOnly = (ctx: BotContext, appealId: number) => new InlineKeyboard().text(ctx.label("appeal.answer_buttons.complain"), complainButton.encode({ appeal: appealId }));

onPress(answerButtons, likeButton, async (ctx, { appeal: appealId }) => {
  await rateAnswer(ctx.deps.core, ctx.actor, { appealId, rating: "satisfied" });
  await answerCallback(ctx, ctx.label("appeal.rate.thanks"));
  const messageId = ctx.callbackQuery?.message?.message_id;
  if (messageId !== undefined) await ctx.api.editMessageReplyMarkup(ctx.chat!.id, messageId, { reply_markup: complaintOnly(ctx, appealId) }).catch(() => undefined);
});

for (const [button, kind] of [[dislikeButton, "disliked"], [complainButton, "complaint"]] as const) {
  onPress(answerButtons, button, async (ctx, { appeal: appealId }) => {
    const state = await beginObjection(ctx.deps.core, ctx.actor, { appealId, kind });
    await answerCallback(ctx);
    await stripButtons(ctx, ctx.callbackQuery?.message?.message_id ?? null);
    await wordsChat.present(ctx, state, "new");
  });
}

const wordsChat = defineChatFlow({
  flow: objectionFlow,
  buttons,
  steps: {
    words: {
      ask(ctx, state) {
        if (state.data.kind === "complaint") return { text: ctx.t("appeal.objection.ask_complaint") };
        return { text: ctx.t("appeal.objection.ask_disliked"), markup: new InlineKeyboard().text(ctx.label("appeal.objection.no_words"), noWordsButton.encode({ version: state.version })) };
      },
      async text(ctx, state, text) {
        await stripButtons(ctx, state.messageId);
        await objected(ctx, text, undefined);
      },
    },
  },
});

onPress(answerButtons, noWordsButton, async (ctx, { version }) => {
  const state = await objectionFlow.load(ctx.deps.core, ctx.actor);
  if (!state || state.version !== version || state.data.kind !== "disliked") throw new DomainError("stale_button");
  await answerCallback(ctx);
  await objected(ctx, "", state.messageId ?? undefined);
});

async function objected(ctx: BotContext, words: string, messageId: number | undefined): Promise<void> {
  const { appeal } = await finishObjection(ctx.deps.core, ctx.actor, words);
  await showInPlace(ctx, messageId, ctx.t("appeal.objection.sent", { number: appeal.number }));
}
