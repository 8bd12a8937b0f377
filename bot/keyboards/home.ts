import { InlineKeyboard } from "grammy";
import { defineButtons, field } from "../buttons/codec.js";
import type { BotContext } from "../context.js";

export const MENU_SECTIONS = ["home", "submit", "appeals", "reception", "profile", "language", "help"] as const;
export type MenuSection = (typeof MENU_SECTIONS)[number];

/** Main-menu buttons: `mn2:open:profile`. */
export const menuButton = defineButtons("mn", 2).action("open", { section: field.choice(...MENU_SECTIONS) });

/** A "🏠 Main menu" button under a section's screen. */
export function homeKeyboard(ctx: BotContext, keyboard = new InlineKeyboard()): InlineKeyboard {
  return keyboard.row().text(ctx.label("common.menu"), menuButton.encode({ section: "home" }));
}
