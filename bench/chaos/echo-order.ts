import type { Sandbox } from "../../sandbox/emulator/index.js";

export interface ChatOrder {
  /** Distinct words the bot answered. */
  seen: number;
  /** Answers that came after the answer to a later word: handled out of order. */
  violations: number;
}

const ECHO = /«поиск(\d+)»/;

/** The order the bot answered one chat's numbered words in, as the chat shows its messages. */
export function orderOf(sandbox: Sandbox, chatId: number, words: number): ChatOrder {
  const answered = (sandbox.state.chat(chatId)?.messages ?? [])
    .filter((m) => m.sender === "bot")
    .flatMap((m) => {
      const word = ECHO.exec(m.content.text ?? "")?.[1];
      return word ? [Number(word)] : [];
    });
  let latest = 0;
  let violations = 0;
  for (const word of answered) {
    if (word < latest) violations++;
    latest = Math.max(latest, word);
  }
  return { seen: new Set(answered.filter((w) => w >= 1 && w <= words)).size, violations };
}
