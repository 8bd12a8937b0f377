import { InlineKeyboard } from "grammy";
import { addDays, type IsoDate } from "../../../core/calendar/dates.js";
import type { DayListWords } from "../../../core/reception/day-list-pdf.js";
import { slotTime } from "../../../core/reception/notices.js";
import { officialLabel, type Official } from "../../../core/reception/officials.js";
import type { Slot } from "../../../core/reception/slots.js";
import type { PendingRequest } from "../../../core/reception/staff-decisions.js";
import type { DayEntry } from "../../../core/reception/views.js";
import type { BotContext } from "../../context.js";
import { joinHtml, type Html } from "../../../locales/html.js";
import { formatDate, preview } from "../../../locales/format.js";
import { cameButton, confirmButton, confirmListButton, dayButton, declineButton, nextRequestButton, noShowButton, offerButton, offerListButton, printButton } from "./desk-buttons.js";

/** "Appeal ЖТ-2026-000123" under a request or a day-list entry whose citizen linked one. */
function linked(ctx: BotContext, appealNumber: string | null): Html | undefined {
  return appealNumber ? ctx.t("reception.desk.linked", { number: appealNumber }) : undefined;
}

export function requestText(ctx: BotContext, request: PendingRequest, total: number): Html {
  const { name } = officialLabel(request.official, ctx.actor.language);
  const text = ctx.t("reception.desk.request", {
    id: request.booking.id,
    total,
    citizen: request.citizenName,
    official: name,
    preferred: request.preferredSlot ? slotTime(request.preferredSlot.startsAt) : ctx.label("reception.my.no_time"),
    matter: preview(request.booking.matter, 1500),
  });
  return joinHtml([text, linked(ctx, request.appealNumber)]);
}

export function requestButtons(ctx: BotContext, request: PendingRequest): InlineKeyboard {
  const ref = { booking: request.booking.id, version: request.booking.version };
  const keyboard = new InlineKeyboard();
  const preferred = request.preferredSlot;
  if (preferred) keyboard.text(ctx.label("reception.desk.confirm", { time: slotTime(preferred.startsAt) }), confirmButton.encode({ ...ref, slot: preferred.id })).row();
  return keyboard
    .text(ctx.label("reception.desk.set_time"), confirmListButton.encode(ref))
    .text(ctx.label("reception.desk.offer"), offerListButton.encode(ref))
    .row()
    .text(ctx.label("reception.desk.decline"), declineButton.encode(ref));
}

/** Free slots as buttons that confirm or offer the request. */
export function slotButtons(ctx: BotContext, button: typeof confirmButton | typeof offerButton, bookingId: number, version: number, slots: Slot[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  slots.forEach((slot, i) => {
    keyboard.text(slotTime(slot.startsAt), button.encode({ booking: bookingId, version, slot: slot.id }));
    if (i % 2 === 1) keyboard.row();
  });
  return keyboard.row().text(ctx.label("common.back"), nextRequestButton.encode({}));
}

const hhmm = (instant: Date) => slotTime(instant).slice(-5);

/** A booking's state as staff say it ("booked"), not as the citizen reads it ("you are booked"). */
const staffStatus = (ctx: BotContext, status: string) => ctx.label(`reception.day.status.${status}`);

export function dayText(ctx: BotContext, official: Official, date: IsoDate, entries: DayEntry[]): Html {
  const lines = [ctx.t("reception.day.title", { official: officialLabel(official, ctx.actor.language).name, date: formatDate(date) })];
  for (const e of entries) {
    const entry = ctx.t("reception.day.entry", { time: hhmm(e.startsAt), citizen: e.citizenName, phone: e.phone, status: staffStatus(ctx, e.status), matter: e.matter ? preview(e.matter, 200) : "" });
    lines.push(joinHtml([entry, linked(ctx, e.appealNumber)]));
  }
  if (entries.length === 0) lines.push(ctx.t("reception.day.empty"));
  return joinHtml(lines, "\n\n");
}

/** Day navigation and printing, and for each meeting that has begun: came or did not come. */
export function dayButtons(ctx: BotContext, official: Official, date: IsoDate, entries: DayEntry[], now: Date, handles: boolean): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (handles) {
    for (const e of entries.filter((e) => e.status === "booked" && e.startsAt <= now)) {
      keyboard
        .text(ctx.label("reception.day.came", { time: hhmm(e.startsAt) }), cameButton.encode({ booking: e.bookingId, version: e.version }))
        .text(ctx.label("reception.day.no_show", { time: hhmm(e.startsAt) }), noShowButton.encode({ booking: e.bookingId, version: e.version }))
        .row();
    }
  }
  return keyboard
    .text("◀️", dayButton.encode({ official: official.id, date: addDays(date, -1) }))
    .text(ctx.label("reception.day.print"), printButton.encode({ official: official.id, date }))
    .text("▶️", dayButton.encode({ official: official.id, date: addDays(date, 1) }));
}

/** The printed list's words, in the reader's language. */
export function dayListWords(ctx: BotContext, official: Official, date: IsoDate): DayListWords {
  const { name, title, place } = officialLabel(official, ctx.actor.language);
  return {
    title: ctx.label("reception.day.pdf_title", { official: name, date: formatDate(date) }),
    subtitle: `${title}. ${place}`,
    columns: {
      time: ctx.label("reception.day.col_time"),
      citizen: ctx.label("reception.day.col_citizen"),
      phone: ctx.label("reception.day.col_phone"),
      matter: ctx.label("reception.day.col_matter"),
      status: ctx.label("reception.day.col_status"),
    },
    status: (status) => staffStatus(ctx, status),
    empty: ctx.label("reception.day.empty"),
  };
}
