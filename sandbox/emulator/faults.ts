import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { ApiError } from "./params.js";

/** What the emulated Telegram does instead of (or before) answering a call. */
export type Fault =
  /** 429 with `retry_after`, as Telegram answers a flood. */
  | { kind: "too_many_requests"; retryAfter: number }
  | { kind: "server_error" }
  /** A wrong token (401) or a wrong Bot API address (404): the bot's setup, not the message, is at fault. */
  | { kind: "unauthorized" }
  | { kind: "not_found" }
  /**
   * Holds the call for `ms` (past the client's timeout, the client gives up); then drops it
   * unless `thenDeliver`, which models a message that arrived although its sender never heard.
   */
  | { kind: "hang"; ms: number; thenDeliver?: boolean }
  | { kind: "blocked" }
  | { kind: "deactivated" }
  | { kind: "chat_not_found" };

export interface FaultRule {
  fault: Fault;
  /** Only calls for this chat; any chat when absent. */
  chatId?: number;
  /** Only this method (e.g. "sendMessage"); every method that sends when absent. */
  method?: string;
  /** How many calls it hits before it is spent; every call when absent. */
  times?: number;
  /** Told when a call meets it, before the fault applies: a test learns the bot is inside that call. */
  onHit?: () => void;
}

/** Telegram's limits, enforced like Telegram: a send over them gets 429 and is counted. */
export interface RateCaps {
  perSecond?: number;
  chatPerSecond?: number;
  groupPerMinute?: number;
}

/** Methods that post a message, the ones Telegram's send limits count. */
const SENDS = new Set(["sendmessage", "senddocument", "sendphoto", "sendmediagroup", "copymessage", "forwardmessage"]);

const SECOND = 1000;
const MINUTE = 60_000;

const FAULT_ERRORS: Record<Exclude<Fault["kind"], "hang" | "too_many_requests">, () => ApiError> = {
  server_error: () => new ApiError(500, "Internal Server Error"),
  unauthorized: () => new ApiError(401, "Unauthorized"),
  not_found: () => new ApiError(404, "Not Found"),
  blocked: () => new ApiError(403, "Forbidden: bot was blocked by the user"),
  deactivated: () => new ApiError(403, "Forbidden: user is deactivated"),
  chat_not_found: () => new ApiError(400, "Bad Request: chat not found"),
};

/**
 * Faults a test asks the emulator for, and the rate caps it enforces. Calls pass through
 * `before`, which waits, throws the Bot API error, or lets the call be handled; accepted sends
 * are timed so the caps can be checked over a sliding window.
 */
export class Faults {
  /** Sends refused for going over the bot-wide cap, and over a chat's cap. */
  readonly overCap = { global: 0, chat: 0 };
  /** Sends accepted under the caps (failed calls not included), with the first and last time. */
  readonly accepted = { count: 0, firstAt: 0, lastAt: 0 };
  #rules: FaultRule[] = [];
  #caps: RateCaps = {};
  #recent: number[] = [];
  readonly #recentByChat = new Map<number, number[]>();

  inject(rule: FaultRule): void {
    this.#rules.push({ ...rule });
  }

  /** Removes every fault; caps and counters stay. */
  clear(): void {
    this.#rules = [];
  }

  setCaps(caps: RateCaps): void {
    this.#caps = caps;
  }

  /** Zeroes the counters (between a benchmark's phases). */
  resetCounters(): void {
    Object.assign(this.overCap, { global: 0, chat: 0 });
    Object.assign(this.accepted, { count: 0, firstAt: 0, lastAt: 0 });
  }

  /**
   * Applies what is set for this call. Resolves when the call should be handled, and with
   * "dropped" when a hang swallowed it.
   */
  async before(method: string, chatId: number | undefined, signal: AbortSignal): Promise<"handle" | "dropped"> {
    const name = method.toLowerCase();
    const rule = this.#rules.find(
      (r) => (r.method === undefined ? SENDS.has(name) : r.method.toLowerCase() === name) && (r.chatId === undefined || r.chatId === chatId),
    );
    if (rule) {
      if (rule.times !== undefined && --rule.times <= 0) this.#rules.splice(this.#rules.indexOf(rule), 1);
      rule.onHit?.();
      const { fault } = rule;
      if (fault.kind === "hang") {
        await sleep(fault.ms, undefined, { signal }).catch(() => undefined);
        if (!fault.thenDeliver) return "dropped";
      } else if (fault.kind === "too_many_requests") {
        throw tooManyRequests(fault.retryAfter);
      } else {
        throw FAULT_ERRORS[fault.kind]();
      }
    }
    if (SENDS.has(name) && chatId !== undefined) this.#admit(chatId);
    return "handle";
  }

  /** Counts the send against the caps, or refuses it as Telegram would. */
  #admit(chatId: number): void {
    const now = performance.now();
    this.#recent = this.#recent.filter((at) => at > now - SECOND);
    const window = chatId < 0 ? MINUTE : SECOND;
    const chatCap = chatId < 0 ? this.#caps.groupPerMinute : this.#caps.chatPerSecond;
    const chatRecent = (this.#recentByChat.get(chatId) ?? []).filter((at) => at > now - window);
    if (this.#caps.perSecond !== undefined && this.#recent.length >= this.#caps.perSecond) {
      this.overCap.global++;
      throw tooManyRequests(1);
    }
    if (chatCap !== undefined && chatRecent.length >= chatCap) {
      this.overCap.chat++;
      throw tooManyRequests(Math.ceil(window / SECOND));
    }
    this.#recent.push(now);
    chatRecent.push(now);
    this.#recentByChat.set(chatId, chatRecent);
    if (this.accepted.count === 0) this.accepted.firstAt = now;
    this.accepted.count++;
    this.accepted.lastAt = now;
  }
}

function tooManyRequests(retryAfter: number): ApiError {
  return new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
}
