import type { InlineKeyboard } from "grammy";
import type { OutboxKeyboard } from "../../core/outbox/enqueue.js";
import type { Label } from "../../locales/index.js";

/**
 * Buttons under messages the core wrote to the outbox. The core names a keyboard and the record it
 * acts on; the feature that owns the buttons builds them, so callback data stays in the bot.
 */
type Build = (label: Label, ref: number, items: NonNullable<OutboxKeyboard["items"]>) => InlineKeyboard;
const builders = new Map<string, Build>();

export function registerOutboxKeyboard(name: string, build: Build): void {
  builders.set(name, build);
}

/** The buttons for a message, or none when no feature knows the name (a row from a newer release). */
export function outboxKeyboard(label: Label, keyboard: OutboxKeyboard | undefined): InlineKeyboard | undefined {
  return keyboard ? builders.get(keyboard.name)?.(label, keyboard.ref, keyboard.items ?? []) : undefined;
}
