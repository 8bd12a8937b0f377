import { limit } from "@grammyjs/ratelimiter";
import { Bot, type ApiClientOptions, type Composer, type MiddlewareFn } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { guessLanguage } from "../core/people/language.js";
import { presence } from "../core/people/presence.js";
import { isDomainError } from "../core/shared/errors.js";
import { Seen } from "../core/shared/seen.js";
import { speak, type BotContext, type BotDeps } from "./context.js";
import { features } from "./features/index.js";
import { reaskAfterRerun } from "./flows/router.js";
import { tellOfError } from "./error-notice.js";
import { answerCallback, send } from "./messages.js";
import type { AppMetrics } from "./metrics/metrics.js";
import { updateMetrics } from "./metrics/update-metrics.js";

export interface CreateBotOptions {
  token: string;
  deps: BotDeps;
  apiRoot?: string;
  /** Known in advance in tests and the sandbox, so no getMe round trip is needed. */
  botInfo?: UserFromGetMe;
  client?: Omit<ApiClientOptions, "apiRoot">;
  /** Updates per person per 30 s; 0 turns the limit off. */
  floodLimit?: number;
  /** Features that exist only in some modes (the sandbox's demo staff commands), before the rest. */
  extraFeatures?: Composer<BotContext>[];
  /** Counts and times every update. */
  metrics?: AppMetrics;
}

const FLOOD_WINDOW_MS = 30_000;

/**
 * A citizen pressing a staff button is told it is not for them, whichever check refused it: one
 * that says "staff only", or one that finds no appeal of theirs where the button names someone
 * else's (no number was given, so "no appeal with that number" would make no sense). A staff
 * command they typed is simply not theirs.
 */
function refusalCode(ctx: BotContext, code: string): string {
  if (!ctx.callbackQuery) return code === "staff_only" ? "forbidden" : code;
  const citizen = (ctx.actor as BotContext["actor"] | undefined)?.role === "citizen";
  return citizen && (code === "appeal_not_found" || code === "forbidden") ? "not_your_button" : code;
}

/** The refusals of a press on a question the flow has moved past. */
const STALE = new Set(["stale_button", "flow_conflict"]);

/**
 * Turns a refusal of the domain into the person's language. Anything else goes back to the update
 * inbox, which tries the update again and tells the person only if it gives up; the press is then
 * left unanswered here, for the next try to answer.
 */
const errorBoundary: MiddlewareFn<BotContext> = async (ctx, next) => {
  try {
    await next();
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (ctx.callbackQuery && STALE.has(error.code) && (await reaskAfterRerun(ctx))) return void (await answerCallback(ctx));
    const code = refusalCode(ctx, error.code);
    // A press already answered (the step had begun) gets the refusal as a message instead of a toast.
    if (ctx.callbackQuery && !ctx.callbackAnswered) {
      const text = ctx.label(`errors.${code}`, error.params);
      await answerCallback(ctx, text, text.length > 60);
    } else if (ctx.chat) await tellOfError(ctx, `errors.${code}`, error.params);
  }
  // Every button press is answered, even when nothing visible changed.
  await answerCallback(ctx);
};

/** Defaults every later step may rely on, even when loading the person fails. */
const initContext: MiddlewareFn<BotContext> = (ctx, next) => {
  ctx.callbackAnswered = false;
  ctx.flows = new Set();
  ctx.activeFlow = undefined;
  // Until the person is loaded (or when the database cannot load them), Telegram's language is the best guess.
  speak(ctx, guessLanguage(ctx.from?.language_code));
  return next();
};

/** Who is acting, in which language, in which flows and with which consent: read once per update, in one statement. */
const loadPresence: MiddlewareFn<BotContext> = async (ctx, next) => {
  if (!ctx.from || ctx.from.is_bot) return;
  const { actor, flows, consent } = await presence(ctx.deps.core, { telegramId: ctx.from.id, languageCode: ctx.from.language_code });
  ctx.actor = actor;
  ctx.consent = consent;
  speak(ctx, actor.language);
  if (ctx.message || ctx.callbackQuery) {
    ctx.flows = new Set(flows);
    ctx.activeFlow = flows[0];
  }
  await next();
};

/** Past the limit, one polite notice per window; the updates themselves are not handled. */
function floodGuard(maxUpdates: number): MiddlewareFn<BotContext> {
  const noticed = new Map<string, number>();
  return limit<BotContext, never>({
    timeFrame: FLOOD_WINDOW_MS,
    limit: maxUpdates,
    keyGenerator: (ctx) => ctx.from?.id.toString(),
    onLimitExceeded: async (ctx) => {
      const key = String(ctx.from?.id);
      const now = Date.now();
      if ((noticed.get(key) ?? 0) > now - FLOOD_WINDOW_MS) return;
      noticed.set(key, now);
      for (const [k, at] of noticed) if (at <= now - FLOOD_WINDOW_MS) noticed.delete(k);
      await send(ctx, ctx.t("hint.flood")).catch(() => undefined);
    },
  });
}

export function createBot(options: CreateBotOptions): Bot<BotContext> {
  const bot = new Bot<BotContext>(options.token, {
    botInfo: options.botInfo,
    client: { ...options.client, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) },
  });
  if (options.metrics) bot.use(updateMetrics(options.metrics));
  bot.use((ctx, next) => {
    // The domain learns which update it works for, so flows know one handled a second time.
    ctx.deps = { ...options.deps, core: { ...options.deps.core, update: ctx.update.update_id, seen: new Seen() } };
    return next();
  });
  bot.use(initContext);
  // The boundary comes first so that even a dropped or refused update's button press is answered.
  bot.use(errorBoundary);
  bot.use(loadPresence);
  if (options.floodLimit !== 0) bot.use(floodGuard(options.floodLimit ?? 60));
  for (const feature of options.extraFeatures ?? []) bot.use(feature);
  bot.use(features);
  return bot;
}
