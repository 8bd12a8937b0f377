import { Composer, InlineKeyboard } from "grammy";
import { decideExtension, pendingExtensions } from "../../../core/appeals/extension.js";
import { beginExtensionRequest, extensionChoice, extensionDate, extensionFlow, extensionReason } from "../../../core/appeals/extension-flow.js";
import { parseTypedDate } from "../../../core/calendar/dates.js";
import { defineButtons, field } from "../../buttons/codec.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { defineChatFlow } from "../../flows/chat-flow.js";
import { formatDate, preview } from "../../../locales/format.js";
import { answerCallback, send, showInPlace, stripButtons } from "../../messages.js";

/**
 * Extensions: the holder asks with a reason and a date; the Head or a deputy
 * grants or refuses from `/extensions`, one request after another.
 */
export const extensions = new Composer<BotContext>();

const buttons = defineButtons("ex", 2);
/** On the staff card: ask for more time. */
export const askExtensionButton = buttons.action("ask", { appeal: field.id });
/** A date offered under the question of this version of the flow. */
const dateButton = buttons.action("date", { date: field.date, version: field.version });
const grantButton = buttons.action("grant", { request: field.id });
const refuseButton = buttons.action("refuse", { request: field.id });

async function requested(ctx: BotContext, dueOn: string, version: number | undefined, messageId: number | undefined): Promise<void> {
  const { number } = await extensionDate(ctx.deps.core, ctx.actor, dueOn, version);
  await showInPlace(ctx, messageId, ctx.t("staff.extension.requested", { number, due: formatDate(dueOn) }));
}

const extensionChat = defineChatFlow({
  flow: extensionFlow,
  buttons,
  steps: {
    reason: {
      async ask(ctx, state) {
        const { number } = await extensionChoice(ctx.deps.core, ctx.actor, state.data.appealId);
        return { text: ctx.t("staff.extension.ask_reason", { number }) };
      },
      async text(ctx, _state, text) {
        await extensionChat.present(ctx, await extensionReason(ctx.deps.core, ctx.actor, text), "new");
      },
    },
    date: {
      async ask(ctx, state) {
        const choice = await extensionChoice(ctx.deps.core, ctx.actor, state.data.appealId);
        const markup = new InlineKeyboard();
        for (const date of new Set([...choice.suggestions, choice.latest])) markup.text(formatDate(date), dateButton.encode({ date, version: state.version }));
        return { text: ctx.t("staff.extension.ask_date", { number: choice.number, due: formatDate(choice.dueOn), latest: formatDate(choice.latest) }), markup };
      },
      async text(ctx, state, text) {
        const dueOn = parseTypedDate(text);
        if (!dueOn) return void (await send(ctx, ctx.t("staff.extension.date_format")));
        await requested(ctx, dueOn, undefined, undefined);
        await stripButtons(ctx, state.messageId);
      },
    },
  },
});

async function showNextRequest(ctx: BotContext, messageId?: number): Promise<void> {
  const [next] = await pendingExtensions(ctx.deps.core, ctx.actor);
  if (!next) return void (await showInPlace(ctx, messageId, ctx.t("staff.extension.none")));
  const keyboard = new InlineKeyboard()
    .text(ctx.label("staff.extension.grant"), grantButton.encode({ request: next.extensionId }))
    .text(ctx.label("staff.extension.refuse"), refuseButton.encode({ request: next.extensionId }));
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

onPress(extensions, askExtensionButton, async (ctx, { appeal }) => {
  const state = await beginExtensionRequest(ctx.deps.core, ctx.actor, appeal);
  await answerCallback(ctx);
  await extensionChat.present(ctx, state, "new");
});

onPress(extensions, dateButton, async (ctx, { date, version }) => {
  await requested(ctx, date, version, ctx.callbackQuery?.message?.message_id);
  await answerCallback(ctx);
});

async function decided(ctx: BotContext, extensionId: number, grant: boolean): Promise<void> {
  const { appeal } = await decideExtension(ctx.deps.core, ctx.actor, { extensionId, grant });
  await answerCallback(ctx, ctx.label(grant ? "staff.extension.granted" : "staff.extension.refused", { number: appeal.number }));
  await showNextRequest(ctx, ctx.callbackQuery?.message?.message_id);
}

onPress(extensions, grantButton, (ctx, { request }) => decided(ctx, request, true));
onPress(extensions, refuseButton, (ctx, { request }) => decided(ctx, request, false));
