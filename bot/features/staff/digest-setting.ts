import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import { digestMuted, setDigestMuted } from "../../../core/appeals/digest-setting.js";
import { DomainError } from "../../../core/shared/errors.js";
import { defineCallback } from "../../callback-data.js";
import type { BotContext } from "../../context.js";
import type { Html } from "../../html.js";
import { answerCallback, send, showInPlace } from "../../messages.js";

/** `/digest`: whether the morning digest comes, with one button to turn it off or back on. */
export const digestSetting = new Composer<BotContext>();

const digestButton = defineCallback("dg1", z.enum(["off", "on"]));

function screen(ctx: BotContext, muted: boolean): [Html, InlineKeyboard] {
  const text = ctx.t(muted ? "staff.digest.setting.muted" : "staff.digest.setting.active");
  const button = muted ? digestButton.encode("on") : digestButton.encode("off");
  return [text, new InlineKeyboard().text(ctx.label(muted ? "staff.digest.setting.unmute" : "staff.digest.setting.mute"), button)];
}

digestSetting.command("digest", async (ctx) => {
  await send(ctx, ...screen(ctx, await digestMuted(ctx.deps.core, ctx.actor)));
});

digestSetting.callbackQuery(digestButton.pattern, async (ctx) => {
  const parsed = digestButton.parse(ctx.callbackQuery.data);
  if (!parsed) throw new DomainError("stale_button");
  const muted = parsed[0] === "off";
  const changed = await setDigestMuted(ctx.deps.core, ctx.actor, muted);
  await answerCallback(ctx, changed ? undefined : ctx.label("staff.digest.setting.unchanged"));
  await showInPlace(ctx, ctx.callbackQuery.message?.message_id, ...screen(ctx, muted));
});
