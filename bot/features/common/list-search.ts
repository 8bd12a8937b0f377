import { Composer } from "grammy";
import { listFlow, takeShownList, type ShownListData } from "../../../core/flows/shown-list.js";
import { DomainError } from "../../../core/shared/errors.js";
import { defineButtons } from "../../buttons/codec.js";
import type { BotContext } from "../../context.js";
import { defineChatFlow } from "../../flows/chat-flow.js";
import { listPages, pickerOf } from "../../keyboards/picker.js";
import { stripButtons } from "../../messages.js";

/**
 * Long lists (bot/keyboards/picker.ts): their page buttons, and the search by a typed word while a
 * list is the latest thing on screen. Runs before every feature, so that a command or another button
 * first takes the list off as the step a typed word answers.
 */
export const listSearch = new Composer<BotContext>();

listSearch.use(async (ctx, next) => {
  if (!ctx.flows.has(listFlow.name)) return next();
  const command = ctx.message?.text?.startsWith("/") ?? false;
  if (ctx.message && !command) {
    // What is typed now answers the list on screen, whatever older question is still open.
    ctx.activeFlow = listFlow.name;
  } else if (ctx.callbackQuery || command) {
    ctx.shownList = await takeShownList(ctx.deps.core, ctx.actor);
    ctx.flows = new Set([...ctx.flows].filter((name) => name !== listFlow.name));
    ctx.activeFlow = [...ctx.flows][0];
  }
  return next();
});

listSearch.use(listPages);

function listed(shown: ShownListData) {
  const list = pickerOf(shown.list);
  // A list this release no longer draws.
  if (!list) throw new DomainError("stale_button");
  return list;
}

/** The list on screen as a flow's one step: a restart shows it again, a typed word searches it. */
defineChatFlow({
  flow: listFlow,
  // The list has no Back of its own: each list's footer says where it leads.
  buttons: defineButtons("ls", 1),
  steps: {
    shown: {
      ask: (ctx, state) => listed(state.data).screen(ctx, state.data),
      /** The result comes as a new message under the words, the old one loses its buttons. */
      async text(ctx, state, text) {
        const list = listed(state.data);
        await stripButtons(ctx, state.messageId);
        await list.search(ctx, state.data, text);
      },
    },
  },
});
