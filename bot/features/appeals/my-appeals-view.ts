import { InlineKeyboard } from "grammy";
import { myAppeal, type listMyAppeals } from "../../../core/appeals/citizen-view.js";
import { RATINGS } from "../../../core/appeals/kinds.js";
import { almatyDate } from "../../../core/calendar/dates.js";
import { defineButtons, field, type ButtonAction } from "../../buttons/codec.js";
import type { BotContext } from "../../context.js";
import { splitMessage } from "../../delivery/split-message.js";
import { formatDate, formatDateTime, preview } from "../../../locales/format.js";
import { joinHtml, rendered, type Html } from "../../../locales/html.js";
import { homeKeyboard, menuButton } from "../../keyboards/home.js";
import { answerCallback, send, showInPlace } from "../../messages.js";

type AppealList = Awaited<ReturnType<typeof listMyAppeals>>;
type AppealDetail = Awaited<ReturnType<typeof myAppeal>>;
type HistoryEntry = AppealDetail["history"][number];
type Screen = { text: Html; markup: InlineKeyboard };

/**
 * My-appeals buttons: `ma2:<action>:<appeal id>:<list page>` (`ma2:list:2` for a page). The page
 * travels along so "Back to the list" returns to where the citizen was.
 */
const buttons = defineButtons("ma", 2);
const onAppeal = { appeal: field.id, page: field.page };
export const listButton = buttons.action("list", { page: field.page });
export const openButton = buttons.action("open", onAppeal);
export const supplementButton = buttons.action("supplement", onAppeal);
export const withdrawButton = buttons.action("withdraw", onAppeal);
export const withdrawYesButton = buttons.action("withdraw_yes", onAppeal);
export const rateButton = buttons.action("rate", { ...onAppeal, rating: field.choice(...RATINGS) });
export const complainButton = buttons.action("complain", onAppeal);

type AppealAction = ButtonAction<typeof onAppeal>;
const button = (label: string, action: AppealAction, appeal: number, page: number) => InlineKeyboard.text(label, action.encode({ appeal, page }));

/** Rows without the empty ones, with the main-menu button under them. */
function keyboard(ctx: BotContext, rows: ReturnType<typeof button>[][]): InlineKeyboard {
  return homeKeyboard(ctx, InlineKeyboard.from(rows.filter((row) => row.length > 0)));
}

export function listScreen(ctx: BotContext, list: AppealList): Screen {
  const { t, label } = ctx;
  if (list.total === 0) {
    return { text: t("appeal.list.empty"), markup: homeKeyboard(ctx, new InlineKeyboard().text(label("menu.submit_appeal"), menuButton.encode({ section: "submit" }))) };
  }
  const lines = list.items.map((a) => t("appeal.list.line", { number: a.number, state: a.state, due: formatDate(a.dueOn) }));
  const page = list.pages > 1 ? [t("appeal.list.page", { page: list.page + 1, pages: list.pages })] : [];
  const paging = [
    ...(list.page > 0 ? [InlineKeyboard.text(label("appeal.list.prev"), listButton.encode({ page: list.page - 1 }))] : []),
    ...(list.page < list.pages - 1 ? [InlineKeyboard.text(label("appeal.list.next"), listButton.encode({ page: list.page + 1 }))] : []),
  ];
  return {
    text: joinHtml([t("appeal.list.title", { total: list.total }), ...page, joinHtml(lines)], "\n\n"),
    markup: keyboard(ctx, [...list.items.map((a) => [button(a.number, openButton, a.id, list.page)]), paging]),
  };
}

/**
 * One appeal in as many messages as it needs (a long answer overflows on paragraph breaks);
 * the buttons go under the last one.
 */
export function detailScreen(ctx: BotContext, view: AppealDetail, page: number): { parts: Html[]; markup: InlineKeyboard } {
  const { t, label } = ctx;
  const { appeal, answer } = view;
  const sections = [
    t("appeal.detail.head", {
      number: appeal.number,
      type: appeal.type,
      state: appeal.state,
      received: formatDateTime(appeal.receivedAt),
      due: formatDate(appeal.dueOn),
      files: view.files,
      text: preview(appeal.text),
    }),
    joinHtml([t("appeal.detail.history"), ...view.history.map((entry) => historyLine(ctx, entry))]),
  ];
  if (answer) {
    const params = { date: formatDate(almatyDate(answer.approvedAt)), outcome: answer.outcome, text: answer.text };
    sections.push(t(answer.outcome === "left_without_review" ? "appeal.detail.decision" : "appeal.detail.answer", params));
  }
  if (view.canRate) sections.push(t("appeal.rate.ask"));

  const at = (label: string, action: AppealAction) => button(label, action, appeal.id, page);
  const rate = RATINGS.map((rating) => InlineKeyboard.text(label(`appeal.rate.${rating}`), rateButton.encode({ appeal: appeal.id, page, rating })));
  const rows = [
    [
      ...(view.canSupplement ? [at(label("appeal.supplement.button"), supplementButton)] : []),
      ...(view.canWithdraw ? [at(label("appeal.withdraw.button"), withdrawButton)] : []),
    ],
    view.canRate ? rate : [],
    view.canComplain ? [at(label("appeal.complain.button"), complainButton)] : [],
    [InlineKeyboard.text(label("appeal.detail.back"), listButton.encode({ page }))],
  ];
  return { parts: splitMessage(joinHtml(sections, "\n\n")), markup: keyboard(ctx, rows) };
}

function historyLine(ctx: BotContext, entry: HistoryEntry): Html {
  return ctx.t("appeal.history.line", { at: formatDateTime(entry.at), what: rendered(happened(ctx, entry)) });
}

const textOf = (value: unknown): string => (typeof value === "string" ? value : "");

function happened(ctx: BotContext, { kind, to, data }: HistoryEntry): Html {
  const t = ctx.t;
  switch (kind) {
    case "forwarded_internal":
      return t("appeal.history.forwarded_internal", { unit: textOf(data.unit) });
    case "forwarded_external":
      return t("appeal.history.forwarded_external", { body: textOf(data.body) });
    case "approved":
      return t(to === "left_without_review" ? "appeal.history.left_without_review" : "appeal.history.answered");
    case "supplemented": {
      const files = Array.isArray(data.fileIds) ? data.fileIds.length : 0;
      return files > 0 ? t("appeal.history.supplemented_files", { files }) : t("appeal.history.supplemented");
    }
    case "rated":
      return t(data.rating === "unsatisfied" ? "appeal.history.rated.unsatisfied" : "appeal.history.rated.satisfied");
    case "complained":
      return t("appeal.history.complained", { number: textOf(data.complaint) });
    default:
      return t(`appeal.history.${kind}`);
  }
}

export function withdrawScreen(ctx: BotContext, appeal: { id: number; number: string }, page: number): Screen {
  const { t, label } = ctx;
  return {
    text: t("appeal.withdraw.ask", { number: appeal.number }),
    markup: InlineKeyboard.from([[button(label("appeal.withdraw.yes"), withdrawYesButton, appeal.id, page), button(label("appeal.withdraw.no"), openButton, appeal.id, page)]]),
  };
}

/** One appeal, the first part in place of `messageId`; a long answer's overflow follows, the buttons under the last part. */
export async function showAppeal(ctx: BotContext, messageId: number | undefined, view: AppealDetail, page: number): Promise<void> {
  const { parts, markup } = detailScreen(ctx, view, page);
  const [first, ...rest] = parts;
  await showInPlace(ctx, messageId, first!, rest.length === 0 ? markup : undefined);
  for (const [i, part] of rest.entries()) await send(ctx, part, i === rest.length - 1 ? markup : undefined);
}

/**
 * The appeal as it now is, in place of the pressed message, once what the press asked for has
 * succeeded: a refusal of the core reaches the person as the button's notice and nothing changes.
 */
export async function reopenAppeal(ctx: BotContext, appealId: number, page: number, notice?: string): Promise<void> {
  const view = await myAppeal(ctx.deps.core, ctx.actor, { appealId });
  await answerCallback(ctx, notice);
  await showAppeal(ctx, ctx.callbackQuery?.message?.message_id, view, page);
}
