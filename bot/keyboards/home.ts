import { InlineKeyboard } from "grammy";
import { defineButtons, field } from "../buttons/codec.js";
import type { BotContext } from "../context.js";

export const MENU_SECTIONS = ["home", "submit", "appeals", "reception", "profile", "language", "help"] as const;
export type MenuSection = (typeof MENU_SECTIONS)[number];

const menuButtons = defineButtons("mn", 2);
/** Main-menu buttons: `mn2:open:profile`. */
export const menuButton = menuButtons.action("open", { section: field.choice(...MENU_SECTIONS) });
/** "Main menu" under a message the person keeps: the menu opens below it. */
export const menuBelowButton = menuButtons.action("below", {});

/**
 * "🏠 Main menu" under a message of record (a receipt, a booking): its number and dates stay in the
 * chat, and the menu comes as a new message below, where a section's screen would be replaced.
 */
export function recordKeyboard(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard().text(ctx.label("common.menu"), menuBelowButton.encode({}));
}

/** A "🏠 Main menu" button under a section's screen. */
export function homeKeyboard(ctx: BotContext, keyboard = new InlineKeyboard()): InlineKeyboard {
  return keyboard.row().text(ctx.label("common.menu"), menuButton.encode({ section: "home" }));
}
