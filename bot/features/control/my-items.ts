import { Composer } from "grammy";
import { beginExtension, beginReport } from "../../../core/control/answer-flow.js";
import { myControlItem, myControlItems } from "../../../core/control/items.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { formatDate, preview } from "../../../locales/format.js";
import { definePicker } from "../../keyboards/picker.js";
import { answerCallback, showInPlace } from "../../messages.js";
import { answerChat } from "./answers.js";
import { executorKeyboard, itemsList, moreTimeButton, openItem, reportButton } from "./buttons.js";

/** "My control items" (`/control`): what I must execute, the nearest due date first; each opens with its buttons. */
export const myItems = new Composer<BotContext>();

/** My items, a line and a button each, ten a page. */
const myList = definePicker({
  prefix: "ctl1",
  items: async (ctx) =>
    (await myControlItems(ctx.deps.core, ctx.actor)).map((i) => ({
      id: i.executorId,
      label: ctx.label("control.button.open", { number: i.number, due: formatDate(i.dueOn) }),
      line: ctx.t("control.my.line", { number: i.number, due: formatDate(i.dueOn), state: ctx.label(`control.state.${i.state}`), overdue: i.overdue ? ctx.label("control.my.overdue_mark") : "" }),
    })),
  title: (ctx) => ctx.t("control.my.title"),
  empty: (ctx) => ctx.t("control.my.none"),
  pick: (executorId) => openItem.encode({ item: executorId }),
});

const pressedId = (ctx: BotContext) => ctx.callbackQuery?.message?.message_id;

async function showItem(ctx: BotContext, executorId: number): Promise<void> {
  const item = await myControlItem(ctx.deps.core, ctx.actor, { executorId });
  const text = ctx.t("control.my.item", {
    number: item.number,
    source: item.source,
    sourceNumber: item.sourceNumber,
    sourceDate: formatDate(item.sourceDate),
    due: formatDate(item.dueOn),
    overdue: item.overdue ? ctx.label("control.my.overdue_mark") : "",
    state: ctx.label(`control.state.${item.state}`),
    extension: item.extensionPending ? ctx.label("control.my.extension_pending") : "",
    text: preview(item.text ?? "", 3000),
  });
  const open = item.state !== "executed";
  const keyboard = executorKeyboard(ctx.label, executorId, { report: open && item.state === "assigned", moreTime: open && !item.extensionPending });
  keyboard.text(ctx.label("common.back"), itemsList.encode({}));
  await showInPlace(ctx, pressedId(ctx), text, keyboard);
}

myItems.command("control", (ctx) => myList.show(ctx, {}));

onPress(myItems, itemsList, async (ctx) => {
  await myList.show(ctx, {}, pressedId(ctx));
  await answerCallback(ctx);
});

onPress(myItems, openItem, async (ctx, { item }) => {
  await showItem(ctx, item);
  await answerCallback(ctx);
});

// The question is a message of its own: the assignment and its buttons stay for later.
onPress(myItems, reportButton, async (ctx, { item }) => {
  const state = await beginReport(ctx.deps.core, ctx.actor, item);
  await answerCallback(ctx);
  await answerChat.present(ctx, state, "new");
});

onPress(myItems, moreTimeButton, async (ctx, { item }) => {
  const state = await beginExtension(ctx.deps.core, ctx.actor, item);
  await answerCallback(ctx);
  await answerChat.present(ctx, state, "new");
});
