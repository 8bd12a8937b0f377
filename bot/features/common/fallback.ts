import { Composer } from "grammy";
import { getProfile } from "../../../core/citizens/profile.js";
import { DomainError } from "../../../core/shared/errors.js";
import type { BotContext } from "../../context.js";
import { reaskActiveFlow } from "../../flows/router.js";
import { send } from "../../messages.js";
import { sendMainMenu } from "../citizens/menu.js";

/**
 * What no feature took: a hint in the person's language, never silence. Runs last.
 */
export const fallback = new Composer<BotContext>();

fallback.on("callback_query", () => {
  throw new DomainError("stale_button");
});

fallback.on("message", async (ctx) => {
  const m = ctx.message;
  if (m.text?.startsWith("/")) return void (await send(ctx, ctx.t("hint.unknown_command")));
  const hint = m.sticker ? "hint.sticker" : m.voice || m.audio || m.video_note ? "hint.voice" : m.location || m.venue ? "hint.location" : null;
  if (hint) await send(ctx, ctx.t(hint));
  else if (m.text === undefined) await send(ctx, ctx.t("hint.media"));
  if (await reaskActiveFlow(ctx)) return;
  // Outside any flow, free text is answered with the way forward rather than ignored.
  if (!(await getProfile(ctx.deps.core, ctx.actor))) return void (await send(ctx, ctx.t("errors.signup_not_started")));
  if (hint === null) {
    await send(ctx, ctx.t("hint.use_menu"));
    await sendMainMenu(ctx);
  }
});
