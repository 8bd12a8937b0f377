import { randomBytes } from "node:crypto";
import type { DemoUser } from "../demo/users.js";
import { extensionOf } from "./media.js";
import type { CallRecord, ChatState, StoredFile, StoredMessage, Toast } from "./records.js";
import type {
  BotCommand,
  InlineKeyboardMarkup,
  MenuButton,
  MessageContent,
  ReplyKeyboard,
  TgCallbackQuery,
  TgChat,
  TgMessage,
  TgUpdate,
  TgUser,
} from "./types.js";

type UpdatePayload = { message: TgMessage } | { callback_query: TgCallbackQuery };

const CALL_LOG_LIMIT = 10_000;
/** Updates kept after delivery, so one can be delivered again. */
const SENT_KEPT = 1_000;

const now = (): number => Math.floor(Date.now() / 1000);
const opaqueId = (): string => randomBytes(8).readBigUInt64BE().toString();

/** setMyCommands storage key: scope (with its chat) plus language. */
export function commandsKey(scope: { type: string; chat_id?: number }, language = ""): string {
  return `${scope.type}:${scope.chat_id ?? ""}:${language}`;
}

export class SandboxState {
  readonly bot: TgUser;
  readonly users: ReadonlyMap<number, DemoUser>;
  readonly callbackQueries = new Map<string, { chatId: number; message_id: number; answered: boolean }>();
  readonly commands = new Map<string, BotCommand[]>();
  defaultMenuButton: MenuButton = { type: "default" };
  readonly calls: CallRecord[] = [];
  /** The getUpdates request being held open; a newer one terminates it, as on Telegram. */
  activePoll: AbortController | undefined;
  /** Set by setWebhook; as on Telegram, getUpdates is refused while it is. Updates are not pushed. */
  webhook: { url: string; secret_token?: string } | undefined;

  /** The data of every inline button the bot has drawn, so tests can decode each one. */
  readonly buttonData = new Set<string>();

  private readonly chats = new Map<number, ChatState>();
  private readonly files = new Map<string, StoredFile>();
  private pending: TgUpdate[] = [];
  private readonly sent = new Map<number, TgUpdate>();
  private lastUpdateId = 0;
  private changeSeq = 0;
  private readonly listeners = new Set<() => void>();

  constructor(bot: { id: number; username: string; first_name: string }, users: readonly DemoUser[]) {
    this.bot = { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username };
    this.users = new Map(users.map((u) => [u.id, u]));
    for (const user of users) {
      this.chats.set(user.id, {
        id: user.id,
        user,
        chatInstance: String(randomBytes(8).readBigInt64BE()),
        messages: [],
        nextMessageId: 1,
        replyKeyboard: null,
        toasts: [],
        seq: 0,
      });
    }
  }

  get seq(): number {
    return this.changeSeq;
  }

  chat(chatId: number): ChatState | undefined {
    return this.chats.get(chatId);
  }

  /** A live (not deleted) message. */
  message(chat: ChatState, messageId: number): StoredMessage | undefined {
    return chat.messages.find((m) => m.message_id === messageId && !m.deleted);
  }

  addMessage(chat: ChatState, sender: "user" | "bot", content: MessageContent, replyMarkup?: InlineKeyboardMarkup): StoredMessage {
    const message: StoredMessage = {
      message_id: chat.nextMessageId++,
      chatId: chat.id,
      sender,
      date: now(),
      seq: 0,
      deleted: false,
      content,
      ...(replyMarkup && { reply_markup: replyMarkup }),
    };
    if (sender === "bot") this.noteButtons(replyMarkup);
    this.change(chat, (seq) => {
      message.seq = seq;
      chat.messages.push(message);
    });
    return message;
  }

  /** A new content marks the message edited; a keyboard change alone does not. */
  editMessage(message: StoredMessage, changes: { content?: MessageContent; replyMarkup: InlineKeyboardMarkup | undefined }): void {
    this.noteButtons(changes.replyMarkup);
    this.change(this.chatOf(message), (seq) => {
      if (changes.content) {
        message.content = changes.content;
        message.edit_date = now();
      }
      if (changes.replyMarkup) message.reply_markup = changes.replyMarkup;
      else delete message.reply_markup;
      message.seq = seq;
    });
  }

  private noteButtons(markup: InlineKeyboardMarkup | undefined): void {
    for (const button of markup?.inline_keyboard.flat() ?? []) if (typeof button.callback_data === "string") this.buttonData.add(button.callback_data);
  }

  deleteMessage(message: StoredMessage): void {
    this.change(this.chatOf(message), (seq) => {
      message.deleted = true;
      message.seq = seq;
    });
  }

  setReplyKeyboard(chat: ChatState, keyboard: ReplyKeyboard | null): void {
    this.change(chat, () => {
      chat.replyKeyboard = keyboard;
    });
  }

  addToast(chat: ChatState, toast: Omit<Toast, "seq">): void {
    this.change(chat, (seq) => chat.toasts.push({ ...toast, seq }));
  }

  asTelegramUser(user: DemoUser): TgUser {
    const { id, first_name, last_name, username, language_code } = user;
    return { id, is_bot: false, first_name, ...(last_name && { last_name }), ...(username && { username }), language_code };
  }

  asTelegramChat(chat: ChatState): TgChat {
    const { id, first_name, last_name, username } = chat.user;
    return { id, type: "private", first_name, ...(last_name && { last_name }), ...(username && { username }) };
  }

  /** The message as the Bot API shows it: a snapshot, unaffected by later edits. */
  asTelegramMessage(message: StoredMessage): TgMessage {
    const chat = this.chatOf(message);
    return structuredClone({
      message_id: message.message_id,
      from: message.sender === "bot" ? this.bot : this.asTelegramUser(chat.user),
      chat: this.asTelegramChat(chat),
      date: message.date,
      ...(message.edit_date !== undefined && { edit_date: message.edit_date }),
      ...message.content,
      ...(message.reply_markup && { reply_markup: message.reply_markup }),
    });
  }

  newCallbackQuery(chat: ChatState, message: StoredMessage, data: string): TgCallbackQuery {
    const id = opaqueId();
    this.callbackQueries.set(id, { chatId: chat.id, message_id: message.message_id, answered: false });
    const from = this.asTelegramUser(chat.user);
    return { id, from, message: this.asTelegramMessage(message), chat_instance: chat.chatInstance, data };
  }

  enqueue(payload: UpdatePayload): number {
    const update = { update_id: ++this.lastUpdateId, ...payload } as TgUpdate;
    this.pending.push(update);
    this.sent.set(update.update_id, update);
    if (this.sent.size > SENT_KEPT) this.sent.delete(this.sent.keys().next().value!);
    this.notify();
    return update.update_id;
  }

  /** Ids 1 to this were sent to the bot: tests check that each was handled. */
  get updatesSent(): number {
    return this.lastUpdateId;
  }

  /** Sends a recent update again, same id and all, as Telegram does when the bot's confirmation was lost. */
  deliverAgain(updateId: number): boolean {
    const update = this.sent.get(updateId);
    if (!update) return false;
    this.pending.push(update);
    this.notify();
    return true;
  }

  /** An offset confirms, and so drops, every update before it. */
  confirmUpdates(offset: number): void {
    this.pending = this.pending.filter((u) => u.update_id >= offset);
  }

  pendingUpdates(limit = Infinity): TgUpdate[] {
    return this.pending.slice(0, limit);
  }

  dropPendingUpdates(): void {
    this.pending = [];
  }

  /** Keeps a file under a fresh, path-safe id; `folder` is the first part of its file_path. */
  storeFile(folder: string, file: Omit<StoredFile, "file_id" | "file_unique_id" | "file_path">): StoredFile {
    const file_id = randomBytes(24).toString("base64url");
    const extension = extensionOf(file.file_name ?? "") || "dat";
    const stored: StoredFile = {
      ...file,
      file_id,
      file_unique_id: randomBytes(9).toString("base64url"),
      file_path: `${folder}/file_${this.files.size}.${extension}`,
    };
    this.files.set(file_id, stored);
    return stored;
  }

  file(fileId: string): StoredFile | undefined {
    return this.files.get(fileId);
  }

  fileByPath(filePath: string): StoredFile | undefined {
    return [...this.files.values()].find((f) => f.file_path === filePath);
  }

  /** Commands a user sees, in Telegram's order of precedence. */
  commandsFor(user: DemoUser): BotCommand[] {
    const scopes = [{ type: "chat", chat_id: user.id }, { type: "all_private_chats" }, { type: "default" }];
    for (const scope of scopes) {
      const found = this.commands.get(commandsKey(scope, user.language_code)) ?? this.commands.get(commandsKey(scope));
      if (found) return found;
    }
    return [];
  }

  logCall(record: CallRecord): void {
    this.calls.push(record);
    if (this.calls.length > CALL_LOG_LIMIT) this.calls.splice(0, this.calls.length - CALL_LOG_LIMIT);
  }

  /**
   * Resolves once `ready()` holds (checked now and after every change), or
   * after `timeoutMs`, or when `signal` aborts, whichever comes first.
   */
  waitUntil(ready: () => boolean, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (ready() || timeoutMs <= 0 || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
        signal?.removeEventListener("abort", finish);
        resolve();
      };
      const check = (): void => {
        if (ready()) finish();
      };
      const timer = setTimeout(finish, timeoutMs);
      this.listeners.add(check);
      signal?.addEventListener("abort", finish, { once: true });
    });
  }

  private chatOf(message: StoredMessage): ChatState {
    return this.chats.get(message.chatId) as ChatState;
  }

  /** Every chat change goes through here so long-polls see it. */
  private change(chat: ChatState, apply: (seq: number) => void): void {
    chat.seq = ++this.changeSeq;
    apply(chat.seq);
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
