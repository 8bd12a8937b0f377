import { Composer } from "grammy";
import { DomainError, isDomainError } from "../../../core/shared/errors.js";
import { joinWithInvite } from "../../../core/staff/join.js";
import { unitName } from "../../../core/staff/units.js";
import { publishChatCommands } from "../../commands.js";
import type { BotContext } from "../../context.js";
import { formatDateTime } from "../../../locales/format.js";
import { send } from "../../messages.js";
import { askOfficialName } from "./official-name.js";

/**
 * Staff join with the one-time code an admin gave them (DESIGN §1): `/join CODE`, or the deep link
 * `t.me/<bot>?start=join_CODE`. The core decides; this file only reads the code and replies.
 */
export const staffJoin = new Composer<BotContext>();

/** Telegram start parameters allow A–Z a–z 0–9 _ -, which the invite alphabet fits. */
export const JOIN_DEEP_LINK = "join_";

async function join(ctx: BotContext, code: string): Promise<void> {
  if (code.trim() === "") {
    await send(ctx, ctx.t("staff.join.usage"));
    return;
  }
  const from = ctx.from!;
  const fullName = [from.first_name, from.last_name].filter(Boolean).join(" ");
  const { actor, role, unit } = await joinWithInvite(ctx.deps.core, ctx.actor, { code, fullName }).catch((error: unknown) => {
    // The core says until when as an instant; people read it in Almaty time.
    if (isDomainError(error) && error.code === "join_locked") throw new DomainError("join_locked", { until: formatDateTime(new Date(String(error.params.until))) });
    throw error;
  });
  ctx.actor = { ...ctx.actor, ...actor };
  await publishChatCommands(ctx.api, ctx.chat!.id, actor.language, actor.role);
  await send(ctx, ctx.t("staff.join.done", { name: fullName, role: ctx.label(`staff.roles.${role}`), unit: unitName(unit, actor.language) }));
  await askOfficialName(ctx);
}

staffJoin.chatType("private").command("join", (ctx) => join(ctx, ctx.match));

staffJoin.chatType("private").command("start", async (ctx, next) => {
  if (!ctx.match.startsWith(JOIN_DEEP_LINK)) return next();
  await join(ctx, ctx.match.slice(JOIN_DEEP_LINK.length));
});
