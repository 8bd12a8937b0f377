import { almatyDate } from "../../../core/calendar/dates.js";
import { outcomeFlow } from "../../../core/reception/outcome-flow.js";
import { officialLabel } from "../../../core/reception/officials.js";
import { assignableStaff } from "../../../core/reception/outcome.js";
import { deskOfficials } from "../../../core/reception/views.js";
import { DomainError } from "../../../core/shared/errors.js";
import type { BotContext } from "../../context.js";
import { dateFromButton, dateToButton } from "../../button-date.js";
import { definePicker } from "../../keyboards/picker.js";
import { executorLabel } from "../control/executor-list.js";
import { dayButton, outcomeExecutorButton } from "./desk-buttons.js";

/** The officials, each opening their day list; the day travels in the list's args (YYYYMMDD). */
export const dayListOfficials = definePicker({
  prefix: "rso1",
  items: async (ctx) => (await deskOfficials(ctx.deps.core, ctx.actor)).map((o) => ({ id: o.id, label: officialLabel(o, ctx.actor.language).name })),
  title: (ctx) => ctx.t("reception.desk.days"),
  pick: (officialId, [day]) => dayButton.encode({ official: officialId, date: dateFromButton(day) }),
});

export function showDayListOfficials(ctx: BotContext): Promise<number> {
  return dayListOfficials.show(ctx, { args: [dateToButton(almatyDate(ctx.deps.core.clock.now())), 0] });
}

/** Who is given the assignment made at reception: the staff the control register takes as executors, each with their unit. */
export const assignmentExecutors = definePicker({
  prefix: "rse1",
  async items(ctx) {
    // A page turned after the executor was chosen is an old button.
    if ((await outcomeFlow.load(ctx.deps.core, ctx.actor))?.step !== "executor") throw new DomainError("stale_button");
    return (await assignableStaff(ctx.deps.core, ctx.actor)).map((s) => ({ id: s.userId, label: executorLabel(s) }));
  },
  title: (ctx) => ctx.t("reception.desk.ask_executor"),
  pick: (userId) => outcomeExecutorButton.encode({ user: userId }),
});
