import type { Breakdown, Figures } from "../../../core/analytics/figures.js";
import { formatDate, formatDateTime } from "../../../locales/format.js";
import { joinHtml, type Html } from "../../../locales/html.js";
import type { BotContext } from "../../context.js";

/** The name of whose figures these are, in the reader's language. */
export function scopeName(ctx: BotContext, figures: Pick<Figures, "scope">): string {
  const name = figures.scope.name;
  if (name === null) return ctx.label("analytics.scope.department");
  return ctx.actor.language === "ru" ? name.ru : name.kk;
}

/** "Label 12 · Label 3", largest first; a dash when there is nothing. */
function list(ctx: BotContext, breakdown: Breakdown, label: (value: string) => string): string {
  const parts = Object.entries(breakdown)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([value, n]) => `${label(value)} ${n}`);
  return parts.length > 0 ? parts.join(" · ") : ctx.label("analytics.summary.none");
}

export function percent(ctx: BotContext, share: number): string {
  return new Intl.NumberFormat(ctx.actor.language === "en" ? "en-GB" : "ru-RU", { style: "percent", maximumFractionDigits: 1 }).format(share);
}

/** The short summary under which the buttons offer other periods, charts and the workbook. */
export function summaryText(ctx: BotContext, f: Figures): Html {
  const { received, closed } = f;
  const decided = closed.onTime + closed.late;
  const parts: Html[] = [
    ctx.t("analytics.summary.title", { scope: scopeName(ctx, f), from: formatDate(f.period.from), to: formatDate(f.period.to) }),
    joinHtml([
      ctx.t("analytics.summary.received", { total: received.total }),
      ctx.t("analytics.summary.by_type", { list: list(ctx, received.type, (v) => ctx.label(`appeal.type.${v}`)) }),
      ctx.t("analytics.summary.by_category", { list: list(ctx, received.category, (v) => (v === "none" ? ctx.label("analytics.category_none") : ctx.label(`appeal.category.${v}`))) }),
      ctx.t("analytics.summary.by_channel", { list: list(ctx, received.channel, (v) => ctx.label(`analytics.channel.${v}`)) }),
      ctx.t("analytics.summary.by_state", { list: list(ctx, received.state, (v) => ctx.label(`appeal.state.${v}`)) }),
      ctx.t("analytics.summary.extras", {
        extended: received.extended,
        repeated: received.repeated,
        complaints: received.answerComplaints,
        up: received.rating.satisfied ?? 0,
        down: received.rating.unsatisfied ?? 0,
      }),
    ]),
    joinHtml([
      ctx.t("analytics.summary.decided", { total: closed.total }),
      ctx.t("analytics.summary.outcomes", { list: list(ctx, closed.outcome, (v) => ctx.label(`analytics.outcome.${v}`)) }),
      closed.onTimeRate === null
        ? ctx.t("analytics.summary.on_time_none")
        : ctx.t("analytics.summary.on_time", { rate: percent(ctx, closed.onTimeRate), onTime: closed.onTime, all: decided, late: closed.late }),
      ...(closed.medianDays === null ? [] : [ctx.t("analytics.summary.review_time", { median: closed.medianDays, p90: closed.p90Days ?? closed.medianDays })]),
    ]),
    ctx.t("analytics.summary.overdue", { count: f.overdueNow }),
  ];
  if (f.reception) {
    const r = f.reception;
    parts.push(
      ctx.t("analytics.summary.reception", {
        requests: r.requests,
        held: r.held,
        noShows: r.noShows,
        waiting: r.waitlisted,
        cancelled: r.cancelled,
        assignments: r.assignments,
        executed: r.assignmentsExecuted,
      }),
    );
  }
  parts.push(f.asOf === null ? ctx.t("analytics.summary.as_of_never") : ctx.t("analytics.summary.as_of", { at: formatDateTime(f.asOf) }));
  return joinHtml(parts, "\n\n");
}
