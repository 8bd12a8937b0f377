import { InlineKeyboard } from "grammy";
import { z } from "zod";
import type { listMyAppeals, myAppeal } from "../../../core/appeals/citizen-view.js";
import { INTAKE_LIMITS } from "../../../core/appeals/kinds.js";
import type { SupplementData } from "../../../core/appeals/supplement-flow.js";
import { almatyDate } from "../../../core/calendar/dates.js";
import { callbackNumber, defineCallback } from "../../callback-data.js";
import type { BotContext } from "../../context.js";
import { splitMessage } from "../../delivery/split-message.js";
import { formatDate, formatDateTime, preview } from "../../format.js";
import { joinHtml, rendered, type Html } from "../../html.js";
import { homeKeyboard, menuButton } from "../../keyboards/home.js";

type AppealList = Awaited<ReturnType<typeof listMyAppeals>>;
type AppealDetail = Awaited<ReturnType<typeof myAppeal>>;
type HistoryEntry = AppealDetail["history"][number];
type Screen = { text: Html; markup: InlineKeyboard };

const ACTIONS = ["list", "open", "supplement", "withdraw", "withdraw_yes", "satisfied", "unsatisfied", "complain", "send", "cancel"] as const;
export type MyAppealsAction = (typeof ACTIONS)[number];

/**
 * My-appeals buttons: `ma1:<action>:<appeal id>:<list page>` (`ma1:list:0:2` for a page). The page
 * travels along so "Back to the list" returns to where the citizen was.
 */
export const myAppealsButton = defineCallback("ma1", z.enum(ACTIONS), callbackNumber, callbackNumber);

const button = (label: string, action: MyAppealsAction, appealId: number, page: number) =>
  InlineKeyboard.text(label, myAppealsButton.encode(action, appealId, page));

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
    ...(list.page > 0 ? [button(label("appeal.list.prev"), "list", 0, list.page - 1)] : []),
    ...(list.page < list.pages - 1 ? [button(label("appeal.list.next"), "list", 0, list.page + 1)] : []),
  ];
  return {
    text: joinHtml([t("appeal.list.title", { total: list.total }), ...page, joinHtml(lines)], "\n\n"),
    markup: keyboard(ctx, [...list.items.map((a) => [button(a.number, "open", a.id, list.page)]), paging]),
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

  const at = (label: string, action: MyAppealsAction) => button(label, action, appeal.id, page);
  const rows = [
    [
      ...(view.canSupplement ? [at(label("appeal.supplement.button"), "supplement")] : []),
      ...(view.canWithdraw ? [at(label("appeal.withdraw.button"), "withdraw")] : []),
    ],
    view.canRate ? [at(label("appeal.rate.satisfied"), "satisfied"), at(label("appeal.rate.unsatisfied"), "unsatisfied")] : [],
    view.canComplain ? [at(label("appeal.complain.button"), "complain")] : [],
    [button(label("appeal.detail.back"), "list", 0, page)],
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
    markup: InlineKeyboard.from([[button(label("appeal.withdraw.yes"), "withdraw_yes", appeal.id, page), button(label("appeal.withdraw.no"), "open", appeal.id, page)]]),
  };
}

/** The supplement's one question, with what was gathered so far; `note` says what just arrived. */
export function supplementScreen(ctx: BotContext, data: SupplementData, note?: Html): Screen {
  const { t, label } = ctx;
  const ask = t("appeal.supplement.ask", {
    number: data.number,
    max_files: INTAKE_LIMITS.filesMax,
    max_chars: INTAKE_LIMITS.textMax.toLocaleString("ru-RU"),
    chars: data.texts.reduce((sum, part) => sum + part.length, 0).toLocaleString("ru-RU"),
    files: data.fileIds.length,
  });
  return {
    text: note ? joinHtml([note, ask], "\n\n") : ask,
    markup: InlineKeyboard.from([
      [button(label("appeal.supplement.send"), "send", data.appealId, 0), button(label("common.cancel"), "cancel", data.appealId, 0)],
    ]),
  };
}
