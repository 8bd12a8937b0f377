import type { ChatMessageView, ChatView } from "../../sandbox/emulator/index.js";

export type ChatMessage = ChatMessageView;
export type { ChatView };

type Match = string | RegExp;

/**
 * How long a person waits for the bot before a test fails. A wait ends as soon as the answer comes, so
 * this only bounds a failure: generous, as two test files share two cores and notices go by the outbox.
 */
const DEFAULT_TIMEOUT_MS = 15_000;
const OWN_PHONE = "+77011234567";
const ASTANA = { latitude: 51.1694, longitude: 71.4491 };

/** Strings match button labels exactly and message texts as a substring. */
const labelMatches = (label: string, match: Match): boolean => (typeof match === "string" ? label === match : match.test(label));
const textMatches = (text: string, match: Match): boolean => (typeof match === "string" ? text.includes(match) : match.test(text));

const live = (view: ChatView): ChatMessage[] => view.messages.filter((m) => !m.deleted);

/**
 * One demo user of the sandbox, driven over its tester API the way a person
 * uses Telegram. `waitForBot` and `toasts` only see what the bot did after
 * this user's latest send or press.
 */
export class SandboxUser {
  /** The sandbox change counter right after the latest action. */
  private actionSeq = 0;

  private readonly baseUrl: string;
  readonly userId: number;

  constructor(baseUrl: string, userId: number) {
    this.baseUrl = baseUrl;
    this.userId = userId;
  }

  /** The sandbox change counter right after the latest action: what the bot did since has a higher `seq`. */
  get lastAction(): number {
    return this.actionSeq;
  }

  async send(text: string): Promise<void> {
    await this.act("messages", { text });
  }

  async sendContact(contact: { phone_number: string; user_id?: number; first_name?: string } = { phone_number: OWN_PHONE, user_id: this.userId }): Promise<void> {
    await this.act("messages", { contact });
  }

  async sendSticker(): Promise<void> {
    await this.act("messages", { sticker: true });
  }

  async sendVoice(): Promise<void> {
    await this.act("messages", { voice: true });
  }

  async sendLocation(location = ASTANA): Promise<void> {
    await this.act("messages", { location });
  }

  /**
   * With `bytes` the file is uploaded under exactly `name`; with `size` it is only declared (zeros
   * when downloaded), and with `sizeUnknown` Telegram does not tell the bot that size.
   */
  async sendDocument(file: { name: string; mime: string; bytes: Uint8Array } | { name: string; mime: string; size: number; sizeUnknown?: boolean }): Promise<void> {
    if ("size" in file) {
      await this.act("messages", { document: { file_name: file.name, mime_type: file.mime, file_size: file.size, size_unknown: file.sizeUnknown === true } });
      return;
    }
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.mime }), file.name);
    // A form escapes line breaks and quotes in a file name; the name field carries them as sent.
    form.append("file_name", file.name);
    await this.act("files", form);
  }

  /**
   * Presses the inline button on the newest bot message that has it (or on
   * `messageId`), waiting for it to appear as a person would.
   */
  async press(buttonText: Match, opts: { messageId?: number; timeoutMs?: number } = {}): Promise<void> {
    const botMessages = (view: ChatView): ChatMessage[] =>
      live(view).filter((m) => m.from === "bot" && (opts.messageId === undefined || m.message_id === opts.messageId));
    const find = (view: ChatView) => {
      for (const message of botMessages(view).reverse()) {
        const button = message.inline_keyboard?.flat().find((b) => labelMatches(b.text, buttonText));
        if (button) return { message, button };
      }
      return undefined;
    };
    const { message, button } = await this.waitForMatch(find, opts.timeoutMs).catch(async () => {
      const buttons = botMessages(await this.view(0, 0)).flatMap((m) => (m.inline_keyboard ?? []).flat().map((b) => `#${m.message_id} "${b.text}"`));
      throw new Error(`No inline button ${String(buttonText)}; visible buttons: ${buttons.join(", ") || "none"}`);
    });
    if (button.callback_data === undefined) throw new Error(`Button "${button.text}" has no callback_data (url: ${String(button.url)})`);
    await this.pressData(message.message_id, button.callback_data);
  }

  /** Sends a callback with any data, as a forged client could. */
  async pressData(messageId: number, data: string): Promise<void> {
    await this.act("callbacks", { message_id: messageId, data });
  }

  /** Presses a reply-keyboard button, waiting for it to appear; a request_contact button shares the user's own contact. */
  async pressReply(buttonText: Match, timeoutMs?: number): Promise<void> {
    const find = (view: ChatView) => view.reply_keyboard?.keyboard.flat().find((b) => labelMatches(b.text, buttonText));
    const button = await this.waitForMatch(find, timeoutMs).catch(async () => {
      const buttons = (await this.view(0, 0)).reply_keyboard?.keyboard.flat() ?? [];
      throw new Error(`No reply button ${String(buttonText)}; visible: ${buttons.map((b) => `"${b.text}"`).join(", ") || "none"}`);
    });
    if (button.request_contact) await this.sendContact();
    else if (button.request_location) await this.sendLocation();
    else await this.send(button.text);
  }

  /** The chat as it is now, without deleted messages. */
  async messages(): Promise<ChatMessage[]> {
    return live(await this.view(this.actionSeq, 0));
  }

  async lastBot(): Promise<ChatMessage> {
    const last = (await this.messages()).filter((m) => m.from === "bot").at(-1);
    if (!last) throw new Error(`User ${this.userId} has no bot messages`);
    return last;
  }

  /**
   * Long-polls the chat until `predicate` holds. The view's toasts are those
   * shown since the latest action.
   */
  async waitFor(predicate: (chat: ChatView) => boolean, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ChatView> {
    const deadline = Date.now() + timeoutMs;
    let latest = await this.view(this.actionSeq, 0);
    const toasts = [...latest.toasts];
    for (;;) {
      const current = { ...latest, toasts };
      if (predicate(current)) return current;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        const recent = live(current).filter((m) => m.from === "bot").slice(-3);
        throw new Error(`Timed out after ${timeoutMs} ms waiting in chat ${this.userId}; last bot messages:\n${recent.map((m) => `  #${m.message_id}: ${m.text}`).join("\n") || "  (none)"}`);
      }
      latest = await this.view(latest.seq, remaining);
      toasts.push(...latest.toasts);
    }
  }

  /** The newest bot message created or edited since the latest action whose text matches. */
  waitForBot(match: Match, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ChatMessage> {
    return this.waitForMatch((view) => live(view).findLast((m) => m.from === "bot" && m.seq > this.actionSeq && textMatches(m.text, match)), timeoutMs);
  }

  /** Callback answers shown since the latest action. */
  async toasts(): Promise<string[]> {
    return (await this.view(this.actionSeq, 0)).toasts.map((t) => t.text);
  }

  async replyKeyboard(): Promise<ChatView["reply_keyboard"]> {
    return (await this.view(this.actionSeq, 0)).reply_keyboard;
  }

  async commands(): Promise<{ command: string; description: string }[]> {
    const { commands } = await this.request<{ commands: { command: string; description: string }[] }>(`users/${this.userId}/commands`);
    return commands;
  }

  /** Waits until `probe` finds something in the chat, and returns it. */
  private async waitForMatch<T>(probe: (view: ChatView) => T | undefined, timeoutMs?: number): Promise<T> {
    let found: T | undefined;
    await this.waitFor((view) => (found = probe(view)) !== undefined, timeoutMs);
    return found as T;
  }

  private async act(endpoint: "messages" | "callbacks" | "files", body: Record<string, unknown> | FormData): Promise<void> {
    const init: RequestInit =
      body instanceof FormData
        ? { method: "POST", body }
        : { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } };
    const { seq } = await this.request<{ seq: number }>(`users/${this.userId}/${endpoint}`, init);
    this.actionSeq = seq;
  }

  private view(after: number, waitMs: number): Promise<ChatView> {
    return this.request<ChatView>(`users/${this.userId}/chat?after=${after}&wait=${Math.max(0, Math.round(waitMs))}`);
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await fetch(`${this.baseUrl}/sandbox/api/${path}`, init);
    const body = (await response.json()) as T & { error?: string };
    if (!response.ok) throw new Error(`Sandbox ${init?.method ?? "GET"} ${path} failed (${response.status}): ${body.error ?? ""}`);
    return body;
  }
}
