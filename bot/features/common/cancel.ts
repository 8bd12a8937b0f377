import { Composer } from "grammy";
import { INTAKE_FLOW } from "../../../core/appeals/intake.js";
import { PROFILE_EDIT_FLOW } from "../../../core/citizens/profile-edit.js";
import { SIGNUP_FLOW } from "../../../core/citizens/signup.js";
import type { BotContext } from "../../context.js";
import { send } from "../../messages.js";
import { cancelIntakeFlow } from "../citizen/intake.js";
import { cancelProfileEditFlow } from "../citizen/profile.js";
import { cancelSignupFlow } from "../citizen/signup.js";

/** `/cancel` stops whatever flow the person is in; outside a flow it says there is nothing to stop. */
export const cancel = new Composer<BotContext>();

cancel.command("cancel", async (ctx) => {
  if (ctx.flows.has(INTAKE_FLOW)) return cancelIntakeFlow(ctx);
  if (ctx.flows.has(PROFILE_EDIT_FLOW)) return cancelProfileEditFlow(ctx);
  if (ctx.flows.has(SIGNUP_FLOW)) return cancelSignupFlow(ctx);
  await send(ctx, ctx.t("common.nothing_to_cancel"));
});
