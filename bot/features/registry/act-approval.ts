import { Composer, InlineKeyboard } from "grammy";
import { approveAct } from "../../../core/registry/destruction-acts.js";
import { APPROVE_ACT_KEYBOARD } from "../../../core/registry/retention-notice.js";
import { defineButtons, field } from "../../buttons/codec.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { registerOutboxKeyboard } from "../../delivery/outbox-keyboards.js";
import { answerCallback, send, stripButtons } from "../../messages.js";

/**
 * The approve button under the notice of a drafted destruction act, for the Head or the deputy
 * acting for the Head. Once pressed, the notice loses its button; an old one pressed again is
 * refused by the core with the act's number.
 */
export const actApproval = new Composer<BotContext>();

const buttons = defineButtons("ra", 1);
const approveButton = buttons.action("approve", { act: field.id });

registerOutboxKeyboard(APPROVE_ACT_KEYBOARD, (label, actId) => new InlineKeyboard().text(label("nomenclature.approve_button"), approveButton.encode({ act: actId })));

onPress(actApproval, approveButton, async (ctx, { act }) => {
  const approved = await approveAct(ctx.deps.core, ctx.actor, { actId: act });
  await answerCallback(ctx);
  await stripButtons(ctx, ctx.callbackQuery?.message?.message_id ?? null);
  await send(ctx, ctx.t("nomenclature.approved", { number: approved.number }));
});
