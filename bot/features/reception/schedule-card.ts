import { InlineKeyboard } from "grammy";
import { hoursText } from "../../../core/reception/hours-text.js";
import { officialLabel } from "../../../core/reception/officials.js";
import { officialSchedule } from "../../../core/reception/schedule-view.js";
import type { BotContext } from "../../context.js";
import { escapeHtml, html, joinHtml } from "../../../locales/html.js";
import { formatDate } from "../../../locales/format.js";
import { showInPlace } from "../../messages.js";
import { dayOffButton, directButton, hoursButton, officialsButton, undoDayButton } from "./schedule-buttons.js";

/** An official's schedule as reception staff see it: the rules, the weekly hours, the days away, and what may be changed. */
export async function showSchedule(ctx: BotContext, officialId: number, messageId?: number): Promise<void> {
  const { official, hours, exceptions } = await officialSchedule(ctx.deps.core, ctx.actor, officialId);
  const label = officialLabel(official, ctx.actor.language);
  const text = joinHtml([
    ctx.t("reception.schedule.card", {
      name: label.name,
      title: label.title,
      place: label.place,
      window: official.bookingWindowDays,
      notice: official.minNoticeHours,
      direct: ctx.label(official.directBooking ? "reception.schedule.direct_on" : "reception.schedule.direct_off"),
    }),
    hours.length ? html`<pre>${escapeHtml(hoursText(hours))}</pre>` : ctx.t("reception.schedule.no_hours"),
    ...exceptions.map((e) => ctx.t(e.kind === "off" ? "reception.schedule.day_off" : "reception.schedule.day_extra", { day: formatDate(e.day), hours: `${e.starts ?? ""}-${e.ends ?? ""}` })),
  ]);
  const which = { official: officialId };
  const keyboard = new InlineKeyboard()
    .text(ctx.label("reception.schedule.set_hours"), hoursButton.encode(which)).row()
    .text(ctx.label("reception.schedule.add_day_off"), dayOffButton.encode(which)).row()
    .text(ctx.label(official.directBooking ? "reception.schedule.turn_direct_off" : "reception.schedule.turn_direct_on"), directButton.encode(which)).row();
  for (const e of exceptions) keyboard.text(ctx.label("reception.schedule.undo", { day: formatDate(e.day) }), undoDayButton.encode({ official: officialId, date: e.day })).row();
  keyboard.text(ctx.label("common.back"), officialsButton.encode({}));
  await showInPlace(ctx, messageId, text, keyboard);
}
