import { currentRecord, executorChoices, type ExecutorChoice } from "../../../core/control/record-flow.js";
import { DomainError } from "../../../core/shared/errors.js";
import type { BotContext } from "../../context.js";
import { definePicker } from "../../keyboards/picker.js";
import { executorButton, executorsDoneButton } from "./buttons.js";

const CHOSEN = "✅ ";

/** A person who may be given an assignment, as a button reads: the name, then the unit. */
export const executorLabel = (c: ExecutorChoice): string => `${c.name}${c.unit ? ` · ${c.unit}` : ""}`;

async function chosen(ctx: BotContext): Promise<number[]> {
  const state = await currentRecord(ctx.deps.core, ctx.actor);
  // A page of the list turned after the executors were chosen is an old button.
  if (state?.step !== "executors") throw new DomainError("stale_button");
  return state.data.executorUserIds;
}

/** Whom a control document is assigned to: any number of staff, ticked one by one, then "Done". */
export const executorList = definePicker({
  prefix: "cre1",
  async items(ctx) {
    const ticked = await chosen(ctx);
    return (await executorChoices(ctx.deps.core, ctx.actor)).map((c) => ({
      id: c.userId,
      label: `${ticked.includes(c.userId) ? CHOSEN : ""}${executorLabel(c)}`,
    }));
  },
  title: async (ctx) => ctx.t("control.record.ask_executors", { count: (await chosen(ctx)).length }),
  pick: (userId) => executorButton.encode({ user: userId }),
  footer: (ctx, keyboard) => void keyboard.text(ctx.label("control.record.executors_done"), executorsDoneButton.encode({})),
});
