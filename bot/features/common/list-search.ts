import { Composer } from "grammy";
import { LIST_FLOW, shownList, takeShownList } from "../../../core/flows/shown-list.js";
import { DomainError } from "../../../core/shared/errors.js";
import type { BotContext } from "../../context.js";
import { registerReask } from "../../flows/reask.js";
import { pickerFor, pickerOf } from "../../keyboards/picker.js";
import { answerCallback, stripButtons } from "../../messages.js";

/**
 * Long lists (bot/keyboards/picker.ts): their page buttons, and the search by a typed word while a
 * list is the latest thing on screen. Runs before every feature, so that a command or another button
 * first takes the list off as the step a typed word answers.
 */
export const listSearch = new Composer<BotContext>();

listSearch.use(async (ctx, next) => {
  if (!ctx.flows.has(LIST_FLOW)) return next();
  const command = ctx.message?.text?.startsWith("/") ?? false;
  if (ctx.message && !command) {
    // What is typed now answers the list on screen, whatever older question is still open.
    ctx.activeFlow = LIST_FLOW;
  } else if (ctx.callbackQuery || command) {
    ctx.shownList = await takeShownList(ctx.deps.core, ctx.actor);
    ctx.flows = new Set([...ctx.flows].filter((name) => name !== LIST_FLOW));
    ctx.activeFlow = [...ctx.flows][0];
  }
  return next();
});

listSearch.on("callback_query:data", async (ctx, next) => {
  const picker = pickerFor(ctx.callbackQuery.data);
  if (!picker) return next();
  const parsed = picker.button.parse(ctx.callbackQuery.data);
  if (!parsed) throw new DomainError("stale_button");
  const [action, page, ...args] = parsed;
  const messageId = ctx.callbackQuery.message?.message_id;
  const was = ctx.shownList?.list === picker.spec.prefix && ctx.shownList.messageId === messageId ? ctx.shownList : undefined;
  await picker.show(ctx, { args, page, query: action === "all" ? "" : was?.query, input: was?.input }, messageId);
  await answerCallback(ctx);
});

/** The words typed search the list; the result comes as a new message under them, the old one loses its buttons. */
listSearch.on("message:text", async (ctx, next) => {
  if (ctx.activeFlow !== LIST_FLOW) return next();
  const shown = await shownList(ctx.deps.core, ctx.actor);
  const picker = shown && pickerOf(shown.list);
  if (!picker) return next();
  await stripButtons(ctx, shown.messageId);
  await picker.show(ctx, { args: shown.args, query: ctx.message.text, input: shown.input });
});

registerReask(LIST_FLOW, async (ctx) => {
  const shown = await shownList(ctx.deps.core, ctx.actor);
  const picker = shown && pickerOf(shown.list);
  if (!picker) return;
  await stripButtons(ctx, shown.messageId);
  await picker.show(ctx, shown);
});
