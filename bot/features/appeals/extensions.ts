import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import { decideExtension, pendingExtensions } from "../../../core/appeals/extension.js";
import { beginExtensionRequest, currentExtensionRequest, EXTENSION_FLOW, extensionDate, extensionReason } from "../../../core/appeals/extension-flow.js";
import { parseTypedDate } from "../../../core/calendar/dates.js";
import { setFlowMessage } from "../../../core/flows/store.js";
import { DomainError } from "../../../core/shared/errors.js";
import { callbackId, callbackNumber, defineCallback } from "../../callback-data.js";
import type { BotContext } from "../../context.js";
import { formatDate, preview } from "../../format.js";
import { answerCallback, send, showInPlace, stripButtons } from "../../messages.js";
import { dateFromButton, dateToButton } from "../../button-date.js";

/**
 * Extensions (APPK Art. 76): the holder asks with a reason and a date; the Head or a deputy
 * grants or refuses from `/extensions`, one request after another.
 */
export const extensions = new Composer<BotContext>();

/** ask: from the card (id = appeal); d: a date picked (n = YYYYMMDD); g/r: grant or refuse (id = request). */
export const extensionButton = defineCallback("ex1", z.enum(["ask", "d", "g", "r"]), callbackId, callbackNumber);


async function requested(ctx: BotContext, dueOn: string, messageId: number | undefined): Promise<void> {
  const { number } = await extensionDate(ctx.deps.core, ctx.actor, dueOn);
  await showInPlace(ctx, messageId, ctx.t("staff.extension.requested", { number, due: formatDate(dueOn) }));
}

async function showNextRequest(ctx: BotContext, messageId?: number): Promise<void> {
  const [next] = await pendingExtensions(ctx.deps.core, ctx.actor);
  if (!next) return void (await showInPlace(ctx, messageId, ctx.t("staff.extension.none")));
  const keyboard = new InlineKeyboard()
    .text(ctx.label("staff.extension.grant"), extensionButton.encode("g", next.extensionId, 0))
    .text(ctx.label("staff.extension.refuse"), extensionButton.encode("r", next.extensionId, 0));
  const text = ctx.t("staff.extension.item", {
    number: next.number,
    due: formatDate(next.dueOn),
    proposed: formatDate(next.proposedDueOn),
    reason: preview(next.reason, 1500),
    requester: next.requester,
  });
  await showInPlace(ctx, messageId, text, keyboard);
}

extensions.command("extensions", (ctx) => showNextRequest(ctx));

extensions.callbackQuery(extensionButton.pattern, async (ctx) => {
  const parsed = extensionButton.parse(ctx.callbackQuery.data);
  if (!parsed) throw new DomainError("stale_button");
  const [action, id, n] = parsed;
  const messageId = ctx.callbackQuery.message?.message_id;
  if (action === "ask") {
    const { number } = await beginExtensionRequest(ctx.deps.core, ctx.actor, id);
    await answerCallback(ctx);
    const asked = await send(ctx, ctx.t("staff.extension.ask_reason", { number }));
    return setFlowMessage(ctx.deps.core, ctx.actor.userId, EXTENSION_FLOW, asked);
  }
  if (action === "d") {
    if ((await currentExtensionRequest(ctx.deps.core, ctx.actor))?.data.appealId !== id) throw new DomainError("stale_button");
    await requested(ctx, dateFromButton(n), messageId);
    return answerCallback(ctx);
  }
  const { appeal } = await decideExtension(ctx.deps.core, ctx.actor, { extensionId: id, grant: action === "g" });
  await answerCallback(ctx, ctx.label(action === "g" ? "staff.extension.granted" : "staff.extension.refused", { number: appeal.number }));
  await showNextRequest(ctx, messageId);
});

extensions.on("message:text", async (ctx, next) => {
  if (ctx.activeFlow !== EXTENSION_FLOW || ctx.message.text.startsWith("/")) return next();
  const state = await currentExtensionRequest(ctx.deps.core, ctx.actor);
  if (state?.step === "date") {
    const dueOn = parseTypedDate(ctx.message.text);
    if (!dueOn) return void (await send(ctx, ctx.t("staff.extension.date_format")));
    await requested(ctx, dueOn, undefined);
    return stripButtons(ctx, state.messageId);
  }
  const choice = await extensionReason(ctx.deps.core, ctx.actor, ctx.message.text);
  await stripButtons(ctx, state?.messageId ?? null);
  const keyboard = new InlineKeyboard();
  for (const date of [...new Set([...choice.suggestions, choice.latest])]) keyboard.text(formatDate(date), extensionButton.encode("d", choice.appealId, dateToButton(date)));
  const asked = await send(ctx, ctx.t("staff.extension.ask_date", { number: choice.number, due: formatDate(choice.dueOn), latest: formatDate(choice.latest) }), keyboard);
  await setFlowMessage(ctx.deps.core, ctx.actor.userId, EXTENSION_FLOW, asked);
});
