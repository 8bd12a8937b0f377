import { Composer, InlineKeyboard } from "grammy";
import { digestMuted, setDigestMuted } from "../../../core/appeals/digest-setting.js";
import { defineButtons } from "../../buttons/codec.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import type { Html } from "../../../locales/html.js";
import { answerCallback, send, showInPlace } from "../../messages.js";

/** `/digest`: whether the morning digest comes, with one button to turn it off or back on. */
export const digestSetting = new Composer<BotContext>();

const buttons = defineButtons("dg", 2);
const muteButton = buttons.action("off", {});
const unmuteButton = buttons.action("on", {});

function screen(ctx: BotContext, muted: boolean): [Html, InlineKeyboard] {
  const text = ctx.t(muted ? "staff.digest.setting.muted" : "staff.digest.setting.active");
  const button = muted ? unmuteButton.encode({}) : muteButton.encode({});
  return [text, new InlineKeyboard().text(ctx.label(muted ? "staff.digest.setting.unmute" : "staff.digest.setting.mute"), button)];
}

digestSetting.command("digest", async (ctx) => {
  await send(ctx, ...screen(ctx, await digestMuted(ctx.deps.core, ctx.actor)));
});

async function set(ctx: BotContext, muted: boolean): Promise<void> {
  const changed = await setDigestMuted(ctx.deps.core, ctx.actor, muted);
  await answerCallback(ctx, changed ? undefined : ctx.label("staff.digest.setting.unchanged"));
  await showInPlace(ctx, ctx.callbackQuery?.message?.message_id, ...screen(ctx, muted));
}

onPress(digestSetting, muteButton, (ctx) => set(ctx, true));
onPress(digestSetting, unmuteButton, (ctx) => set(ctx, false));
