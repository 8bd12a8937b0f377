import { Composer, InlineKeyboard } from "grammy";
import { getProfile } from "../../../core/citizens/profile.js";
import { DomainError } from "../../../core/shared/errors.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import type { Html } from "../../../locales/html.js";
import { homeKeyboard, menuBelowButton, menuButton, type MenuSection } from "../../keyboards/home.js";
import { answerCallback, send, showInPlace, stripButtons } from "../../messages.js";
import { languageScreen } from "../common/language-screen.js";
import { showMyReception } from "../reception/citizen.js";
import { startIntake } from "../appeals/intake.js";
import { showMyAppeals } from "../appeals/my-appeals.js";
import { profileScreen } from "./profile-screen.js";

export function mainMenuScreen(ctx: BotContext): { text: Html; markup: InlineKeyboard } {
  const { t, label } = ctx;
  const open = (section: MenuSection) => menuButton.encode({ section });
  return {
    text: t("menu.title"),
    markup: new InlineKeyboard()
      .text(label("menu.submit_appeal"), open("submit"))
      .row()
      .text(label("menu.my_appeals"), open("appeals"))
      .text(label("menu.reception"), open("reception"))
      .row()
      .text(label("menu.profile"), open("profile"))
      .text(label("menu.language"), open("language"))
      .text(label("menu.help"), open("help")),
  };
}

export async function sendMainMenu(ctx: BotContext): Promise<void> {
  const screen = mainMenuScreen(ctx);
  await send(ctx, screen.text, screen.markup);
}

export const menu = new Composer<BotContext>();

onPress(menu, menuBelowButton, async (ctx) => {
  if (!(await getProfile(ctx.deps.core, ctx.actor))) throw new DomainError("profile_missing");
  await answerCallback(ctx);
  await stripButtons(ctx, ctx.callbackQuery?.message?.message_id ?? null);
  await sendMainMenu(ctx);
});

onPress(menu, menuButton, async (ctx, { section }) => {
  const profile = await getProfile(ctx.deps.core, ctx.actor);
  if (!profile) throw new DomainError("profile_missing");
  if (section === "submit") {
    await answerCallback(ctx);
    await stripButtons(ctx, ctx.callbackQuery?.message?.message_id ?? null);
    return startIntake(ctx);
  }
  if (section === "appeals") {
    await answerCallback(ctx);
    return showMyAppeals(ctx, ctx.callbackQuery?.message?.message_id);
  }
  if (section === "reception") {
    await answerCallback(ctx);
    return showMyReception(ctx, ctx.callbackQuery?.message?.message_id);
  }

  await answerCallback(ctx);
  const messageId = ctx.callbackQuery?.message?.message_id;
  const screen =
    section === "profile"
      ? profileScreen(ctx, profile)
      : section === "language"
        ? languageScreen(ctx)
        : section === "help"
          ? { text: ctx.t("help.text"), markup: homeKeyboard(ctx) }
          : mainMenuScreen(ctx);
  await showInPlace(ctx, messageId, screen.text, screen.markup);
});
