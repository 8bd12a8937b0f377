import { Composer, InlineKeyboard, InputFile } from "grammy";
import { approveDraft } from "../../../core/appeals/answer.js";
import { awaitingMyApproval, draftLetterPreview, type AwaitingApproval } from "../../../core/appeals/approval-queue.js";
import { beginReturn, finishReturn, returnFlow } from "../../../core/appeals/return-flow.js";
import { DomainError } from "../../../core/shared/errors.js";
import { defineButtons, field } from "../../buttons/codec.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { defineChatFlow } from "../../flows/chat-flow.js";
import { joinHtml, type Html } from "../../../locales/html.js";
import { formatDate, preview } from "../../../locales/format.js";
import { answerCallback, send, showInPlace, stripButtons } from "../../messages.js";
import { withFullText } from "./full-text.js";

/**
 * The approver's queue in chat: each draft as text and as the letter it will be,
 * Approve or Return with a comment, then straight on to the next one.
 */
export const approvals = new Composer<BotContext>();

const buttons = defineButtons("ap", 2);
const approveButton = buttons.action("approve", { appeal: field.id, answer: field.id });
const returnButton = buttons.action("return", { appeal: field.id, answer: field.id });
/** A ready reason under the question "why return it?", for the draft the flow names. */
const QUICK = ["q1", "q2", "q3"] as const;
const quickButton = buttons.action("quick", { reason: field.choice(...QUICK), version: field.version });

async function showNext(ctx: BotContext): Promise<void> {
  const queue = await awaitingMyApproval(ctx.deps.core, ctx.actor);
  const item = queue[0];
  if (!item) return void (await send(ctx, ctx.t("staff.approval.empty")));
  const letter = await draftLetterPreview(ctx.deps.core, ctx.actor, item);
  await ctx.replyWithDocument(new InputFile(letter.pdf, letter.fileName));
  await send(ctx, itemText(ctx, item, 1, queue.length), itemButtons(ctx, item));
}

function itemText(ctx: BotContext, item: AwaitingApproval, position: number, total: number): Html {
  const text = ctx.t("staff.approval.item", { number: item.number, position, total, due: formatDate(item.dueOn), outcome: item.outcome, text: preview(item.text, 3000) });
  return item.applicants > 1 ? joinHtml([text, ctx.t("groups.approval_many", { count: item.applicants })], "\n\n") : text;
}

function itemButtons(ctx: BotContext, item: AwaitingApproval): InlineKeyboard {
  const keyboard = new InlineKeyboard()
    .text(ctx.label("staff.approval.approve"), approveButton.encode({ appeal: item.appealId, answer: item.answerId }))
    .text(ctx.label("staff.approval.return"), returnButton.encode({ appeal: item.appealId, answer: item.answerId }));
  return withFullText(ctx, keyboard, item.appealId);
}

approvals.command("approvals", (ctx) => showNext(ctx));

onPress(approvals, approveButton, async (ctx, { appeal: appealId, answer: answerId }) => {
  const { appeal, outgoingNumber, group } = await approveDraft(ctx.deps.core, ctx.actor, { appealId, answerId });
  await answerCallback(ctx);
  const approved = ctx.t("staff.approval.approved", { number: appeal.number, outgoing: outgoingNumber ?? "" });
  const letters = group && [ctx.t("groups.letters", { letters: group.letters }), group.skipped > 0 ? ctx.t("groups.skipped", { skipped: group.skipped }) : undefined];
  await showInPlace(ctx, ctx.callbackQuery?.message?.message_id, letters ? joinHtml([approved, ...letters]) : approved);
  await showNext(ctx);
});

onPress(approvals, returnButton, async (ctx, { appeal: appealId, answer: answerId }) => {
  const state = await beginReturn(ctx.deps.core, ctx.actor, { appealId, answerId });
  await answerCallback(ctx);
  await stripButtons(ctx, ctx.callbackQuery?.message?.message_id ?? null);
  await returnChat.present(ctx, state, "new");
});

/** Why the draft goes back: typed, or one of the ready reasons; then the next draft. */
const returnChat = defineChatFlow({
  flow: returnFlow,
  buttons,
  steps: {
    comment: {
      async ask(ctx, state) {
        const number = (await awaitingMyApproval(ctx.deps.core, ctx.actor)).find((i) => i.answerId === state.data.answerId)?.number ?? "";
        const markup = new InlineKeyboard();
        for (const reason of QUICK) markup.text(ctx.label(`staff.approval.quick.${reason}`), quickButton.encode({ reason, version: state.version })).row();
        return { text: ctx.t("staff.approval.ask_comment", { number }), markup };
      },
      async text(ctx, state, text) {
        await stripButtons(ctx, state.messageId);
        await returned(ctx, text, undefined);
      },
    },
  },
});

onPress(approvals, quickButton, async (ctx, { reason, version }) => {
  const state = await returnFlow.load(ctx.deps.core, ctx.actor);
  if (!state || state.version !== version) throw new DomainError("stale_button");
  await answerCallback(ctx);
  await returned(ctx, ctx.label(`staff.approval.quick.${reason}`), state.messageId ?? undefined);
});

async function returned(ctx: BotContext, comment: string, messageId: number | undefined): Promise<void> {
  const { appeal } = await finishReturn(ctx.deps.core, ctx.actor, comment);
  await showInPlace(ctx, messageId, ctx.t("staff.approval.returned", { number: appeal.number, comment }));
  await showNext(ctx);
}
