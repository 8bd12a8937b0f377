import { InlineKeyboard } from "grammy";
import type { Booked } from "../../../core/reception/booking.js";
import { MY_RECEPTION_KEYBOARD, slotTime } from "../../../core/reception/notices.js";
import type { ReminderKind } from "../../../core/reception/reminders.js";
import { activeOfficials, officialLabel, type Official } from "../../../core/reception/officials.js";
import type { Slot } from "../../../core/reception/slots.js";
import type { MyBooking } from "../../../core/reception/views.js";
import type { BotContext } from "../../context.js";
import type { Screen } from "../../flows/chat-flow.js";
import { html, joinHtml, type Html } from "../../../locales/html.js";
import { preview } from "../../../locales/format.js";
import { registerOutboxKeyboard } from "../../delivery/outbox-keyboards.js";
import { homeKeyboard } from "../../keyboards/home.js";
import { definePicker } from "../../keyboards/picker.js";
import {
  acceptOfferButton,
  bookButton,
  cancelBookingButton,
  declineOfferButton,
  linkButton,
  moveButton,
  moveToButton,
  noLinkButton,
  officialButton,
  openMineButton,
  requestButton,
  slotButton,
  waitlistButton,
} from "./citizen-buttons.js";

// An offer sent from the outbox opens "My reception", where its buttons carry the booking's version.
registerOutboxKeyboard(MY_RECEPTION_KEYBOARD, (label) => new InlineKeyboard().text(label("menu.reception"), openMineButton.encode({})));

function bookingLine(ctx: BotContext, item: MyBooking): Html {
  const { name } = officialLabel(item.official, ctx.actor.language);
  return ctx.t("reception.my.item", {
    official: name,
    time: item.startsAt ? slotTime(item.startsAt) : ctx.label("reception.my.no_time"),
    status: ctx.label(`reception.status.${item.booking.status}`),
  });
}

/** "My reception": what is ahead with what may be done with it, then the latest past ones. */
export function myReceptionScreen(ctx: BotContext, view: { upcoming: MyBooking[]; past: MyBooking[] }): Screen {
  const { t, label } = ctx;
  const lines = [t("reception.my.title")];
  lines.push(view.upcoming.length === 0 ? t("reception.my.none_upcoming") : joinHtml(view.upcoming.map((i) => bookingLine(ctx, i)), "\n\n"));
  if (view.past.length > 0) lines.push(html`${t("reception.my.past")}\n${joinHtml(view.past.map((i) => bookingLine(ctx, i)), "\n\n")}`);
  const markup = new InlineKeyboard();
  for (const { booking, startsAt, official, canCancel, canReschedule } of view.upcoming) {
    const what = startsAt ? slotTime(startsAt) : officialLabel(official, ctx.actor.language).name;
    const ref = { booking: booking.id, version: booking.version };
    if (booking.status === "offered") {
      markup.text(label("reception.my.accept", { what }), acceptOfferButton.encode(ref)).row();
      markup.text(label("reception.my.decline", { what }), declineOfferButton.encode(ref)).row();
      continue;
    }
    if (canReschedule) markup.text(label("reception.my.move", { what }), moveButton.encode(ref)).row();
    if (canCancel) markup.text(label("reception.my.cancel", { what }), cancelBookingButton.encode(ref)).row();
  }
  markup.text(label("reception.my.book"), bookButton.encode({}));
  return { text: joinHtml(lines, "\n\n"), markup: homeKeyboard(ctx, markup) };
}

/** The officials a citizen may ask to see, with what each of them is. */
export const officialsList = definePicker({
  prefix: "rco1",
  items: async (ctx) =>
    (await activeOfficials(ctx.deps.core)).map((official) => {
      const { name, title } = officialLabel(official, ctx.actor.language);
      return { id: official.id, label: name, line: ctx.t("reception.book.official_line", { name, title }) };
    }),
  title: (ctx) => ctx.t("reception.book.choose_official"),
  empty: (ctx) => ctx.t("reception.book.no_officials"),
  pick: (officialId) => officialButton.encode({ official: officialId }),
  footer: (ctx, keyboard) => void homeKeyboard(ctx, keyboard),
});

/** A confirmation, then the reminders the booking will get: only those written, so a meeting minutes away promises none. */
export function withReminders(ctx: BotContext, confirmation: Html, reminders: readonly ReminderKind[]): Html {
  const [only, ...more] = reminders;
  if (!only) return confirmation;
  return html`${confirmation} ${ctx.t(more.length > 0 ? "reception.book.reminders.both" : `reception.book.reminders.${only}`)}`;
}

/** What a booking's confirmation says: the official, the time and the place, in the citizen's language, and the reminders to expect. */
export function bookedText(ctx: BotContext, { official, slot, reminders }: Pick<Booked, "official" | "slot" | "reminders">): Html {
  const { name, place } = officialLabel(official, ctx.actor.language);
  return withReminders(ctx, ctx.t("reception.book.booked", { official: name, time: slotTime(slot.startsAt), place }), reminders);
}

/** The citizen's latest appeals to link to the booking, or none. */
export function linkScreen(ctx: BotContext, appeals: { id: number; number: string }[]): Screen {
  const markup = new InlineKeyboard();
  for (const a of appeals) markup.text(a.number, linkButton.encode({ appeal: a.id })).row();
  markup.text(ctx.label("reception.book.no_link"), noLinkButton.encode({}));
  return { text: ctx.t("reception.book.ask_link"), markup: homeKeyboard(ctx, markup) };
}

/** Free times as buttons; `note` says why they are shown (a slot just taken, for instance). */
export function slotsScreen(ctx: BotContext, official: Official, matter: string, slots: Slot[], note?: Html): Screen {
  const { t, label } = ctx;
  const { name } = officialLabel(official, ctx.actor.language);
  const markup = new InlineKeyboard();
  slots.forEach((slot, i) => {
    markup.text(slotTime(slot.startsAt), slotButton.encode({ slot: slot.id }));
    if (i % 2 === 1) markup.row();
  });
  markup.row();
  const ask = slots.length === 0 ? "reception.book.no_slots" : official.directBooking ? "reception.book.choose_slot" : "reception.book.choose_preferred";
  if (!official.directBooking) markup.text(label("reception.book.request_any"), requestButton.encode({})).row();
  if (slots.length === 0) markup.text(label("reception.book.waitlist"), waitlistButton.encode({})).row();
  const text = joinHtml([note, t("reception.book.summary", { official: name, matter: preview(matter, 500) }), t(ask)], "\n\n");
  return { text, markup: homeKeyboard(ctx, markup) };
}

/** Times to move a booking to. */
export function moveScreen(ctx: BotContext, bookingId: number, version: number, slots: Slot[], note?: Html): Screen {
  const markup = new InlineKeyboard();
  slots.forEach((slot, i) => {
    markup.text(slotTime(slot.startsAt), moveToButton.encode({ booking: bookingId, version, slot: slot.id }));
    if (i % 2 === 1) markup.row();
  });
  const text = joinHtml([note, ctx.t(slots.length === 0 ? "reception.move.none" : "reception.move.choose")], "\n\n");
  return { text, markup: homeKeyboard(ctx, markup) };
}
