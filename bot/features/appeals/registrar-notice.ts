import { Composer, InlineKeyboard } from "grammy";
import { CARD_KEYBOARD } from "../../../core/appeals/holder-notice.js";
import { newAppeal } from "../../../core/appeals/registrar-queue.js";
import { QUEUE_KEYBOARD, TAKE_KEYBOARD } from "../../../core/appeals/registrar-notice.js";
import { takeAppeal } from "../../../core/appeals/take.js";
import { assertMayAttempt } from "../../../core/shared/permissions.js";
import { defineButtons, field } from "../../buttons/codec.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { registerOutboxKeyboard } from "../../delivery/outbox-keyboards.js";
import { answerCallback, showInPlace } from "../../messages.js";
import { showCard } from "./appeal-card.js";
import { categoryScreen, showNext } from "./registrar-queue.js";

/**
 * Buttons under the notices that bring work to people: Take under a new appeal, Open queue under
 * a gathered burst, and Open under an appeal handed to someone. Pressing Take turns the notice into
 * the preliminary review of that appeal (its categories), right where it was read.
 */
export const registrarNotices = new Composer<BotContext>();

const buttons = defineButtons("wn", 1);
const takeButton = buttons.action("take", { appeal: field.id });
const queueButton = buttons.action("queue", {});
const openButton = buttons.action("open", { appeal: field.id });

registerOutboxKeyboard(TAKE_KEYBOARD, (label, appealId) => new InlineKeyboard().text(label("staff.notice.take"), takeButton.encode({ appeal: appealId })));
registerOutboxKeyboard(QUEUE_KEYBOARD, (label) => new InlineKeyboard().text(label("staff.notice.open_queue"), queueButton.encode({})));
registerOutboxKeyboard(CARD_KEYBOARD, (label, appealId) => new InlineKeyboard().text(label("staff.notice.open_card"), openButton.encode({ appeal: appealId })));

onPress(registrarNotices, takeButton, async (ctx, { appeal: appealId }) => {
  await takeAppeal(ctx.deps.core, ctx.actor, { appealId });
  const item = await newAppeal(ctx.deps.core, ctx.actor, appealId);
  const screen = await categoryScreen(ctx, item);
  await answerCallback(ctx, ctx.label("staff.notice.taken_by_you"));
  await showInPlace(ctx, ctx.callbackQuery?.message?.message_id, screen.text, screen.keyboard);
});

onPress(registrarNotices, queueButton, async (ctx) => {
  assertMayAttempt(ctx.actor, "appeal.classify");
  await answerCallback(ctx);
  await showNext(ctx);
});

onPress(registrarNotices, openButton, async (ctx, { appeal }) => {
  await showCard(ctx, appeal);
  await answerCallback(ctx);
});
