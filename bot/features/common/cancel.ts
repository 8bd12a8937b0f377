import { Composer } from "grammy";
import { BOOKING_FLOW } from "../../../core/reception/booking-flow.js";
import { cancelDeskFlow, DECLINE_FLOW, OUTCOME_FLOW } from "../../../core/reception/desk-flows.js";
import { clearFlow } from "../../../core/flows/store.js";
import { CONTROL_ANSWER_FLOW } from "../../../core/control/answer-flow.js";
import { RECORD_FLOW } from "../../../core/control/record-flow.js";
import type { BotContext } from "../../context.js";
import { cancelActiveFlow } from "../../flows/router.js";
import { send } from "../../messages.js";
import { cancelBookingFlow } from "../reception/citizen.js";
import { cancelControlAnswerFlow } from "../control/answers.js";
import { cancelRecordFlow } from "../control/record.js";

/** `/cancel` stops the flow the person is in now; outside a flow it says there is nothing to stop. */
export const cancel = new Composer<BotContext>();

cancel.command("cancel", async (ctx) => {
  if (await cancelActiveFlow(ctx)) return;
  if (ctx.activeFlow === RECORD_FLOW) return cancelRecordFlow(ctx);
  if (ctx.activeFlow === CONTROL_ANSWER_FLOW) return cancelControlAnswerFlow(ctx);
  if (ctx.activeFlow === BOOKING_FLOW) return cancelBookingFlow(ctx);
  if (ctx.activeFlow === DECLINE_FLOW || ctx.activeFlow === OUTCOME_FLOW) {
    await cancelDeskFlow(ctx.deps.core, ctx.actor, ctx.activeFlow);
    return void (await send(ctx, ctx.t("common.cancelled")));
  }
  // The rest keep nothing outside their flow row (a schedule edit).
  if (ctx.activeFlow) {
    await clearFlow(ctx.deps.core.db, ctx.actor.userId, ctx.activeFlow);
    return void (await send(ctx, ctx.t("common.cancelled")));
  }
  await send(ctx, ctx.t("common.nothing_to_cancel"));
});
