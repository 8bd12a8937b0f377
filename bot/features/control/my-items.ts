import { Composer } from "grammy";
import { beginExtension, beginReport, CONTROL_ANSWER_FLOW } from "../../../core/control/answer-flow.js";
import { myControlItem, myControlItems } from "../../../core/control/items.js";
import { setFlowMessage } from "../../../core/flows/store.js";
import { DomainError } from "../../../core/shared/errors.js";
import type { BotContext } from "../../context.js";
import { formatDate, preview } from "../../format.js";
import { definePicker } from "../../keyboards/picker.js";
import { answerCallback, send, showInPlace } from "../../messages.js";
import { executorKeyboard, itemButton } from "./buttons.js";

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
  pick: (executorId) => itemButton.encode("open", executorId),
});

const showList = (ctx: BotContext, messageId?: number) => myList.show(ctx, {}, messageId);

async function showItem(ctx: BotContext, executorId: number, messageId: number | undefined): Promise<void> {
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
  keyboard.text(ctx.label("common.back"), itemButton.encode("list", executorId));
  await showInPlace(ctx, messageId, text, keyboard);
}

myItems.command("control", (ctx) => showList(ctx));

myItems.callbackQuery(itemButton.pattern, async (ctx) => {
  const parsed = itemButton.parse(ctx.callbackQuery.data);
  if (!parsed) throw new DomainError("stale_button");
  const [action, executorId] = parsed;
  const messageId = ctx.callbackQuery.message?.message_id;
  const core = ctx.deps.core;
  if (action === "list") {
    await showList(ctx, messageId);
    return answerCallback(ctx);
  }
  if (action === "open") {
    await showItem(ctx, executorId, messageId);
    return answerCallback(ctx);
  }
  // The question is a message of its own: the assignment and its buttons stay for later.
  const number = action === "rep" ? await beginReport(core, ctx.actor, executorId) : await beginExtension(core, ctx.actor, executorId);
  await answerCallback(ctx);
  const asked = await send(ctx, ctx.t(action === "rep" ? "control.answer.ask_report" : "control.answer.ask_reason", { number }));
  await setFlowMessage(core, ctx.actor.userId, CONTROL_ANSWER_FLOW, asked);
});
