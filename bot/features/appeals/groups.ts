import { Composer, InlineKeyboard } from "grammy";
import { beginGroupAdd, finishGroupAdd, groupAddFlow } from "../../../core/appeals/group-flow.js";
import { similarAppeals } from "../../../core/appeals/group-view.js";
import { groupWith, removeFromGroup, type GroupChange } from "../../../core/appeals/groups.js";
import { staffAppealCard } from "../../../core/appeals/staff-card.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { defineChatFlow } from "../../flows/chat-flow.js";
import { definePicker } from "../../keyboards/picker.js";
import { field } from "../../buttons/codec.js";
import { formatDate } from "../../../locales/format.js";
import type { Html } from "../../../locales/html.js";
import { almatyDate } from "../../../core/calendar/dates.js";
import { answerCallback, send, showInPlace } from "../../messages.js";
import { showCard } from "./appeal-card.js";
import { addByNumberButton, groupButtons, joinAllButton, joinButton, removeButton, similarButton } from "./group-view.js";

/**
 * Mass appeals in chat: the registrar groups an appeal with the open ones on its subject, or with
 * appeals typed by number, and takes one out again; the core checks every change.
 */
export const groups = new Composer<BotContext>();

const pressed = (ctx: BotContext) => ctx.callbackQuery?.message?.message_id;

/** Suggestions for the appeal's group: a press on one adds it; «add them all» adds the list as it is then. */
const similarList = definePicker({
  prefix: "grs",
  args: { appeal: field.id },
  items: async (ctx, { appeal }) =>
    (await similarAppeals(ctx.deps.core, ctx.actor, appeal)).similar.map((a) => ({
      id: a.id,
      label: a.number,
      line: ctx.t("groups.similar.line", { number: a.number, state: ctx.label(`appeal.state.${a.state}`), received: formatDate(almatyDate(a.receivedAt)) }),
    })),
  title: async (ctx, { appeal }) => ctx.t("groups.similar.title", { number: (await similarAppeals(ctx.deps.core, ctx.actor, appeal)).number }),
  empty: (ctx) => ctx.t("groups.similar.none"),
  pick: (other, { appeal }) => joinButton.encode({ appeal, other }),
  footer: (ctx, keyboard, { appeal }) => void keyboard.text(ctx.label("groups.similar.add_all"), joinAllButton.encode({ appeal })),
});

function changed(ctx: BotContext, change: GroupChange): Html {
  if (change.added.length === 0) return ctx.t("groups.unchanged");
  return ctx.t("groups.added", { count: change.added.length, title: change.title, lead: change.lead.number, total: change.total });
}

onPress(groups, similarButton, async (ctx, args) => {
  await similarList.show(ctx, { args });
  await answerCallback(ctx);
});

onPress(groups, joinButton, async (ctx, { appeal, other }) => {
  const change = await groupWith(ctx.deps.core, ctx.actor, { appealId: appeal, appealIds: [other] });
  await answerCallback(ctx);
  await showInPlace(ctx, pressed(ctx), changed(ctx, change));
});

onPress(groups, joinAllButton, async (ctx, { appeal }) => {
  const { similar } = await similarAppeals(ctx.deps.core, ctx.actor, appeal);
  const change = similar.length === 0 ? null : await groupWith(ctx.deps.core, ctx.actor, { appealId: appeal, appealIds: similar.map((a) => a.id) });
  await answerCallback(ctx);
  await showInPlace(ctx, pressed(ctx), change ? changed(ctx, change) : ctx.t("groups.similar.none"));
});

onPress(groups, removeButton, async (ctx, { appeal }) => {
  const { appeal: removed } = await removeFromGroup(ctx.deps.core, ctx.actor, { appealId: appeal });
  await answerCallback(ctx);
  await send(ctx, ctx.t("groups.removed", { number: removed.number }));
  await showCard(ctx, appeal, pressed(ctx));
});

onPress(groups, addByNumberButton, async (ctx, { appeal }) => {
  const state = await beginGroupAdd(ctx.deps.core, ctx.actor, appeal);
  await answerCallback(ctx);
  await addChat.present(ctx, state, "new");
});

/** The numbers typed join the group; a refusal says which one and the question stays. */
const addChat = defineChatFlow({
  flow: groupAddFlow,
  buttons: groupButtons,
  steps: {
    numbers: {
      async ask(ctx, state) {
        const { appeal } = await staffAppealCard(ctx.deps.core, ctx.actor, state.data.appealId);
        return { text: ctx.t("groups.ask_numbers", { number: appeal.number }), markup: new InlineKeyboard() };
      },
      async text(ctx, _state, text) {
        await send(ctx, changed(ctx, await finishGroupAdd(ctx.deps.core, ctx.actor, text)));
      },
    },
  },
});
