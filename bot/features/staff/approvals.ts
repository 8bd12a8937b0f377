import { Composer, InlineKeyboard, InputFile } from "grammy";
import { z } from "zod";
import { approveDraft } from "../../../core/appeals/answer.js";
import { awaitingMyApproval, draftLetterPreview, type AwaitingApproval } from "../../../core/appeals/approval-queue.js";
import { beginReturn, currentReturn, finishReturn, RETURN_FLOW } from "../../../core/appeals/return-flow.js";
import { setFlowMessage } from "../../../core/flows/store.js";
import { DomainError } from "../../../core/shared/errors.js";
import { callbackId, defineCallback } from "../../callback-data.js";
import type { BotContext } from "../../context.js";
import type { Html } from "../../html.js";
import { formatDate, preview } from "../../format.js";
import { answerCallback, send, showInPlace, stripButtons } from "../../messages.js";

/**
 * The approver's queue in chat (Reg. 12, 14): each draft as text and as the letter it will be,
 * Approve or Return with a comment, then straight on to the next one.
 */
export const approvals = new Composer<BotContext>();

const QUICK = ["q1", "q2", "q3"] as const;
const approvalButton = defineCallback("ap1", z.enum(["ok", "ret", ...QUICK]), callbackId, callbackId);

async function showNext(ctx: BotContext): Promise<void> {
  const queue = await awaitingMyApproval(ctx.deps.core, ctx.actor);
  const item = queue[0];
  if (!item) return void (await send(ctx, ctx.t("staff.approval.empty")));
  const letter = await draftLetterPreview(ctx.deps.core, ctx.actor, item);
  await ctx.replyWithDocument(new InputFile(letter.pdf, letter.fileName));
  await send(ctx, itemText(ctx, item, 1, queue.length), itemButtons(ctx, item));
}

function itemText(ctx: BotContext, item: AwaitingApproval, position: number, total: number): Html {
  return ctx.t("staff.approval.item", { number: item.number, position, total, due: formatDate(item.dueOn), outcome: item.outcome, text: preview(item.text, 3000) });
}

function itemButtons(ctx: BotContext, item: AwaitingApproval): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.label("staff.approval.approve"), approvalButton.encode("ok", item.appealId, item.answerId))
    .text(ctx.label("staff.approval.return"), approvalButton.encode("ret", item.appealId, item.answerId));
}

approvals.command("approvals", (ctx) => showNext(ctx));

approvals.callbackQuery(approvalButton.pattern, async (ctx) => {
  const parsed = approvalButton.parse(ctx.callbackQuery.data);
  if (!parsed) throw new DomainError("stale_button");
  const [action, appealId, answerId] = parsed;
  const messageId = ctx.callbackQuery.message?.message_id;
  if (action === "ok") {
    const { appeal, outgoingNumber } = await approveDraft(ctx.deps.core, ctx.actor, { appealId, answerId });
    await answerCallback(ctx);
    await showInPlace(ctx, messageId, ctx.t("staff.approval.approved", { number: appeal.number, outgoing: outgoingNumber ?? "" }));
    return showNext(ctx);
  }
  if (action === "ret") {
    await beginReturn(ctx.deps.core, ctx.actor, { appealId, answerId });
    await answerCallback(ctx);
    await stripButtons(ctx, messageId ?? null);
    const number = (await awaitingMyApproval(ctx.deps.core, ctx.actor)).find((i) => i.answerId === answerId)?.number ?? "";
    const keyboard = new InlineKeyboard();
    for (const quick of QUICK) keyboard.text(ctx.label(`staff.approval.quick.${quick}`), approvalButton.encode(quick, appealId, answerId)).row();
    const asked = await send(ctx, ctx.t("staff.approval.ask_comment", { number }), keyboard);
    await setFlowMessage(ctx.deps.core, ctx.actor.userId, RETURN_FLOW, asked);
    return;
  }
  const state = await currentReturn(ctx.deps.core, ctx.actor);
  if (state?.data.answerId !== answerId) throw new DomainError("stale_button");
  await answerCallback(ctx);
  await returned(ctx, ctx.t(`staff.approval.quick.${action}`), messageId);
});

approvals.on("message:text", async (ctx, next) => {
  if (ctx.activeFlow !== RETURN_FLOW || ctx.message.text.startsWith("/")) return next();
  const state = await currentReturn(ctx.deps.core, ctx.actor);
  await returned(ctx, ctx.message.text, undefined);
  await stripButtons(ctx, state?.messageId ?? null);
});

async function returned(ctx: BotContext, comment: string, messageId: number | undefined): Promise<void> {
  const { appeal } = await finishReturn(ctx.deps.core, ctx.actor, comment);
  await showInPlace(ctx, messageId, ctx.t("staff.approval.returned", { number: appeal.number, comment }));
  await showNext(ctx);
}
