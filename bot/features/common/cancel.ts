import { Composer } from "grammy";
import { dropUndeclaredFlow } from "../../../core/flows/active.js";
import type { BotContext } from "../../context.js";
import { cancelActiveFlow } from "../../flows/router.js";
import { send } from "../../messages.js";

/** `/cancel` stops the flow the person is in now; outside a flow it says there is nothing to stop. */
export const cancel = new Composer<BotContext>();

cancel.command("cancel", async (ctx) => {
  if (await cancelActiveFlow(ctx)) return;
  // A flow an older release left behind keeps nothing outside its row.
  if (ctx.activeFlow) {
    await dropUndeclaredFlow(ctx.deps.core.db, ctx.actor.userId, ctx.activeFlow);
    return void (await send(ctx, ctx.t("common.cancelled")));
  }
  await send(ctx, ctx.t("common.nothing_to_cancel"));
});
