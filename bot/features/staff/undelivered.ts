import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import { listUndelivered, retryUndelivered, type UndeliveredMessage } from "../../../core/outbox/undelivered.js";
import { DomainError } from "../../../core/shared/errors.js";
import { defineCallback } from "../../callback-data.js";
import type { BotContext } from "../../context.js";
import { formatDateTime } from "../../format.js";
import { joinHtml, type Html } from "../../html.js";
import { answerCallback, showInPlace } from "../../messages.js";

/** The newest given-up messages shown, each with its own button; "send all again" reaches the rest. */
const SHOWN = 8;

const ACTIONS = ["list", "one", "all"] as const;
export const undeliveredButton = defineCallback("ud1", z.enum(ACTIONS), z.coerce.number().int().min(0));

function whom(ctx: BotContext, m: UndeliveredMessage): string {
  if (!m.recipient) return ctx.label("delivery.whom.chat", { chat: m.chatId });
  if (m.recipient.role === "citizen") return ctx.label("delivery.whom.citizen", { id: m.recipient.userId });
  return ctx.label("delivery.whom.staff", { role: ctx.label(`staff.roles.${m.recipient.role}`), name: m.recipient.staffName ?? `#${m.recipient.userId}` });
}

function line(ctx: BotContext, m: UndeliveredMessage): Html {
  const kind = ctx.label(`delivery.kind.${m.kind}`);
  return ctx.t("delivery.undelivered.line", {
    id: m.id,
    kind: m.appealNumber ? `${kind} ${m.appealNumber}` : kind,
    whom: whom(ctx, m),
    since: formatDateTime(m.dueAt),
    failed: m.failedAt ? formatDateTime(m.failedAt) : "—",
    attempts: m.attempts,
    error: m.lastError ?? "—",
  });
}

/**
 * The administrator's list of given-up messages (whom, what kind, since when, why; never their
 * text), each with a button that sends it again, and one for all. The core checks the role at
 * every press. `back` is the button data of the menu it was opened from.
 */
export function undeliveredScreen(back: string): Composer<BotContext> {
  const screen = new Composer<BotContext>();
  screen.callbackQuery(undeliveredButton.pattern, async (ctx) => {
    const parsed = undeliveredButton.parse(ctx.callbackQuery.data);
    if (!parsed) throw new DomainError("stale_button");
    const [action, id] = parsed;
    const core = ctx.deps.core;
    const retried = action === "list" ? undefined : await retryUndelivered(core, ctx.actor, action === "all" ? { all: true } : { id });
    const { total, messages } = await listUndelivered(core, ctx.actor, { failedOnly: true, limit: SHOWN });
    const keyboard = new InlineKeyboard();
    messages.forEach((m, index) => {
      keyboard.text(ctx.label("delivery.undelivered.retry_one", { id: m.id }), undeliveredButton.encode("one", m.id));
      if (index % 2 === 1) keyboard.row();
    });
    if (total > 0) keyboard.row().text(ctx.label("delivery.undelivered.retry_all"), undeliveredButton.encode("all", 0));
    keyboard.row().text(ctx.label("common.back"), back);
    const text = joinHtml([
      retried === undefined ? undefined : ctx.t("delivery.undelivered.retried", { count: retried }),
      total === 0 ? ctx.t("delivery.undelivered.empty") : ctx.t("delivery.undelivered.title", { count: total }),
      ...messages.map((m) => line(ctx, m)),
      total > messages.length ? ctx.t("delivery.undelivered.more", { count: total - messages.length }) : undefined,
    ], "\n\n");
    await answerCallback(ctx);
    await showInPlace(ctx, ctx.callbackQuery.message?.message_id, text, keyboard);
  });
  return screen;
}
