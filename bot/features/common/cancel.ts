import { Composer } from "grammy";
import { INTAKE_FLOW } from "../../../core/appeals/intake.js";
import { cancelRegistryReason, REGISTRY_REASON_FLOW } from "../../../core/appeals/registry-flow.js";
import { SUPPLEMENT_FLOW } from "../../../core/appeals/supplement-flow.js";
import { PROFILE_EDIT_FLOW } from "../../../core/citizens/profile-edit.js";
import { SIGNUP_FLOW } from "../../../core/citizens/signup.js";
import { clearFlow } from "../../../core/flows/store.js";
import type { BotContext } from "../../context.js";
import { cancelActiveFlow } from "../../flows/router.js";
import { send } from "../../messages.js";
import { cancelIntakeFlow } from "../citizen/intake.js";
import { cancelSupplementFlow } from "../citizen/my-appeals.js";
import { cancelProfileEditFlow } from "../citizen/profile.js";
import { cancelSignupFlow } from "../citizen/signup.js";

/** `/cancel` stops the flow the person is in now; outside a flow it says there is nothing to stop. */
export const cancel = new Composer<BotContext>();

cancel.command("cancel", async (ctx) => {
  if (await cancelActiveFlow(ctx)) return;
  if (ctx.activeFlow === INTAKE_FLOW) return cancelIntakeFlow(ctx);
  if (ctx.activeFlow === PROFILE_EDIT_FLOW) return cancelProfileEditFlow(ctx);
  if (ctx.activeFlow === SUPPLEMENT_FLOW) return cancelSupplementFlow(ctx);
  if (ctx.activeFlow === SIGNUP_FLOW) return cancelSignupFlow(ctx);
  if (ctx.activeFlow === REGISTRY_REASON_FLOW) {
    await cancelRegistryReason(ctx.deps.core, ctx.actor);
    return void (await send(ctx, ctx.t("common.cancelled")));
  }
  // The rest keep nothing outside their flow row (a draft answer, an extension request).
  if (ctx.activeFlow) {
    await clearFlow(ctx.deps.core.db, ctx.actor.userId, ctx.activeFlow);
    return void (await send(ctx, ctx.t("common.cancelled")));
  }
  await send(ctx, ctx.t("common.nothing_to_cancel"));
});
