import { expect } from "vitest";
import { PAGE_SIZE } from "../../bot/keyboards/picker.js";
import type { ChatMessage, SandboxUser } from "./sandbox-user.js";
import { shown } from "./texts.js";

const PAGER = /^(◀️|▶️|\d+ \/ \d+)$/;

/** The buttons of a list's page that are its items: not the pager, not the buttons under it. */
export function itemButtons(message: ChatMessage, footer: string[] = []): string[] {
  return (message.inline_keyboard ?? []).flat().map((b) => b.text).filter((text) => !PAGER.test(text) && !footer.includes(text));
}

async function message(u: SandboxUser, messageId: number): Promise<ChatMessage> {
  const found = (await u.messages()).find((m) => m.message_id === messageId);
  if (!found) throw new Error(`message ${messageId} is gone`);
  return found;
}

/**
 * Presses ▶ on a list until `label` shows (on a button, or in a list of lines), checking on every page that the message was edited in
 * place, says which page it is of `pages`, and holds at most ten items. Returns the page with it.
 */
export async function pageTo(u: SandboxUser, listMessageId: number, label: string, pages: number, footer: string[] = []): Promise<ChatMessage> {
  for (let page = 1; ; page++) {
    const current = await message(u, listMessageId);
    const labels = (current.inline_keyboard ?? []).flat().map((b) => b.text);
    expect(labels).toContain(`${page} / ${pages}`);
    expect(itemButtons(current, footer).length).toBeLessThanOrEqual(PAGE_SIZE);
    if (labels.includes(label) || current.text.includes(label)) return current;
    if (page === pages) throw new Error(`"${label}" is on none of the ${pages} pages`);
    await u.press("▶️", { messageId: listMessageId });
    await u.waitFor((v) => v.messages.some((m) => m.message_id === listMessageId && (m.inline_keyboard ?? []).flat().some((b) => b.text === `${page + 1} / ${pages}`)));
  }
}

/** Types a word while the list is on screen; the list found comes as a new message. */
export async function search(u: SandboxUser, language: "kk" | "ru" | "en", query: string, count: number): Promise<ChatMessage> {
  await u.send(query);
  return u.waitForBot(shown(language, count === 0 ? "picker.nothing_found" : "picker.found", { query, count }));
}
