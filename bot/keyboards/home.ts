import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { defineCallback } from "../callback-data.js";
import type { BotContext } from "../context.js";

export const MENU_SECTIONS = ["home", "submit", "appeals", "reception", "profile", "language", "help"] as const;
export type MenuSection = (typeof MENU_SECTIONS)[number];

/** Main-menu buttons: `mn1:open:profile`. */
export const menuButton = defineCallback("mn1", z.literal("open"), z.enum(MENU_SECTIONS));

/** A "🏠 Main menu" button under a section's screen. */
export function homeKeyboard(ctx: BotContext, keyboard = new InlineKeyboard()): InlineKeyboard {
  return keyboard.row().text(ctx.label("common.menu"), menuButton.encode("open", "home"));
}
