import { Composer, InlineKeyboard } from "grammy";
import { listUndelivered, retryUndelivered, type UndeliveredMessage } from "../../../core/outbox/undelivered.js";
import { defineButtons, field } from "../../buttons/codec.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { formatDateTime } from "../../../locales/format.js";
import { joinHtml, type Html } from "../../../locales/html.js";
import { answerCallback, showInPlace } from "../../messages.js";

/** The newest given-up messages shown, each with its own button; "send all again" reaches the rest. */
const SHOWN = 8;

const undeliveredButtons = defineButtons("ud", 2);
export const undeliveredButton = undeliveredButtons.action("list", {});
const retryOneButton = undeliveredButtons.action("one", { message: field.id });
const retryAllButton = undeliveredButtons.action("all", {});

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
  onPress(screen, undeliveredButton, (ctx) => showList(ctx, back, undefined));
  onPress(screen, retryOneButton, async (ctx, { message }) => showList(ctx, back, await retryUndelivered(ctx.deps.core, ctx.actor, { id: message })));
  onPress(screen, retryAllButton, async (ctx) => showList(ctx, back, await retryUndelivered(ctx.deps.core, ctx.actor, { all: true })));
  return screen;
}

async function showList(ctx: BotContext, back: string, retried: number | undefined): Promise<void> {
  const { total, messages } = await listUndelivered(ctx.deps.core, ctx.actor, { failedOnly: true, limit: SHOWN });
  const keyboard = new InlineKeyboard();
  messages.forEach((m, index) => {
    keyboard.text(ctx.label("delivery.undelivered.retry_one", { id: m.id }), retryOneButton.encode({ message: m.id }));
    if (index % 2 === 1) keyboard.row();
  });
  if (total > 0) keyboard.row().text(ctx.label("delivery.undelivered.retry_all"), retryAllButton.encode({}));
  keyboard.row().text(ctx.label("common.back"), back);
  const text = joinHtml([
    retried === undefined ? undefined : ctx.t("delivery.undelivered.retried", { count: retried }),
    total === 0 ? ctx.t("delivery.undelivered.empty") : ctx.t("delivery.undelivered.title", { count: total }),
    ...messages.map((m) => line(ctx, m)),
    total > messages.length ? ctx.t("delivery.undelivered.more", { count: total - messages.length }) : undefined,
  ], "\n\n");
  await answerCallback(ctx);
  await showInPlace(ctx, ctx.callbackQuery?.message?.message_id, text, keyboard);
}
