import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { homeKeyboard } from "../../keyboards/home.js";
import { send } from "../../messages.js";

export const help = new Composer<BotContext>();

help.command("help", (ctx) => send(ctx, ctx.t("help.text"), homeKeyboard(ctx)).then(() => undefined));
