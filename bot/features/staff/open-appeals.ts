import { Composer } from "grammy";
import { openAppeals } from "../../../core/appeals/staff-view.js";
import type { BotContext } from "../../context.js";
import { formatDate } from "../../format.js";
import { send } from "../../messages.js";

/** `/appeals`: open appeals the staff member may see, the nearest deadline first. */
export const openAppealsList = new Composer<BotContext>();

export async function openAppealsText(ctx: BotContext): Promise<string> {
  const rows = await openAppeals(ctx.deps.core, ctx.actor);
  const lines = rows.map((r) => ctx.t("staff.appeals.line", { number: r.number, state: ctx.t(`appeal.state.${r.state}`), due: formatDate(r.dueOn) }));
  return [ctx.t("staff.appeals.title"), ...(lines.length ? lines : [ctx.t("staff.appeals.none")])].join("\n");
}

openAppealsList.command("appeals", async (ctx) => {
  await send(ctx, await openAppealsText(ctx));
});
