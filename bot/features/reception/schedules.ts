import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import { setFlowMessage } from "../../../core/flows/store.js";
import { hoursText } from "../../../core/reception/hours-text.js";
import { beginOfficialAdd, OFFICIAL_FLOW, officialAddAnswer } from "../../../core/reception/official-flow.js";
import { officialLabel, setOfficialRules } from "../../../core/reception/officials.js";
import { beginScheduleEdit, finishScheduleEdit, SCHEDULE_FLOW } from "../../../core/reception/schedule-flow.js";
import { officialSchedule, officialsForSchedules } from "../../../core/reception/schedule-view.js";
import { setException } from "../../../core/reception/schedule.js";
import { DomainError } from "../../../core/shared/errors.js";
import { callbackNumber, defineCallback } from "../../callback-data.js";
import type { BotContext } from "../../context.js";
import { html, joinHtml, escapeHtml } from "../../html.js";
import { formatDate } from "../../format.js";
import { definePicker } from "../../keyboards/picker.js";
import { answerCallback, send, showInPlace } from "../../messages.js";
import { dateFromButton, dateToButton } from "../../button-date.js";

/**
 * Officials' schedules in chat (Reg. 7.3.1), for reception staff: weekly hours typed as lines,
 * days away, direct booking on or off. Every change remakes the slots; a booking on a slot that
 * goes away is offered another time by the core, never dropped.
 */
export const receptionSchedules = new Composer<BotContext>();

/** list; add: a new official; open; dir: direct booking toggled; hrs/off: ask for hours or a day away; back: undo an exception (n = YYYYMMDD). */
const scheduleButton = defineCallback("os1", z.enum(["list", "add", "open", "dir", "hrs", "off", "back"]), callbackNumber, callbackNumber);

/** Every official, those not receiving too, each opening their schedule. */
const officialsPicker = definePicker({
  prefix: "oso1",
  items: async (ctx) =>
    (await officialsForSchedules(ctx.deps.core, ctx.actor)).map((o) => {
      const label = officialLabel(o, ctx.actor.language).name;
      return { id: o.id, label: o.active ? label : `${label} ${ctx.label("reception.schedule.inactive")}` };
    }),
  title: (ctx) => ctx.t("reception.schedule.title"),
  pick: (officialId) => scheduleButton.encode("open", officialId, 0),
  footer: (ctx, keyboard) => void keyboard.text(ctx.label("reception.schedule.add_official"), scheduleButton.encode("add", 0, 0)),
});

const officialsList = (ctx: BotContext, messageId?: number) => officialsPicker.show(ctx, {}, messageId);

async function showSchedule(ctx: BotContext, officialId: number, messageId?: number): Promise<void> {
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
  const keyboard = new InlineKeyboard()
    .text(ctx.label("reception.schedule.set_hours"), scheduleButton.encode("hrs", officialId, 0)).row()
    .text(ctx.label("reception.schedule.add_day_off"), scheduleButton.encode("off", officialId, 0)).row()
    .text(ctx.label(official.directBooking ? "reception.schedule.turn_direct_off" : "reception.schedule.turn_direct_on"), scheduleButton.encode("dir", officialId, 0)).row();
  for (const e of exceptions) keyboard.text(ctx.label("reception.schedule.undo", { day: formatDate(e.day) }), scheduleButton.encode("back", officialId, dateToButton(e.day))).row();
  keyboard.text(ctx.label("common.back"), scheduleButton.encode("list", 0, 0));
  await showInPlace(ctx, messageId, text, keyboard);
}

receptionSchedules.command("officials", (ctx) => officialsList(ctx));

receptionSchedules.callbackQuery(scheduleButton.pattern, async (ctx) => {
  const parsed = scheduleButton.parse(ctx.callbackQuery.data);
  if (!parsed) throw new DomainError("stale_button");
  const [action, officialId, n] = parsed;
  const core = ctx.deps.core;
  const messageId = ctx.callbackQuery.message?.message_id;
  if (action === "list") await officialsList(ctx, messageId);
  else if (action === "add") {
    await beginOfficialAdd(core, ctx.actor);
    await setFlowMessage(core, ctx.actor.userId, OFFICIAL_FLOW, await send(ctx, ctx.t("reception.schedule.ask.nameKk")));
  }
  else if (action === "open") await showSchedule(ctx, officialId, messageId);
  else if (action === "dir") {
    const { official } = await officialSchedule(core, ctx.actor, officialId);
    await setOfficialRules(core, ctx.actor, { officialId, directBooking: !official.directBooking });
    await showSchedule(ctx, officialId, messageId);
  } else if (action === "back") {
    await setException(core, ctx.actor, { officialId, day: dateFromButton(n), kind: "none" });
    await showSchedule(ctx, officialId, messageId);
  } else {
    await beginScheduleEdit(core, ctx.actor, officialId, action === "hrs" ? "hours" : "day_off");
    const asked = await send(ctx, ctx.t(action === "hrs" ? "reception.schedule.ask_hours" : "reception.schedule.ask_day_off"));
    await setFlowMessage(core, ctx.actor.userId, SCHEDULE_FLOW, asked);
  }
  await answerCallback(ctx);
});

receptionSchedules.on("message:text", async (ctx, next) => {
  if (ctx.activeFlow !== OFFICIAL_FLOW || ctx.message.text.startsWith("/")) return next();
  const answered = await officialAddAnswer(ctx.deps.core, ctx.actor, ctx.message.text);
  if ("next" in answered) return void (await setFlowMessage(ctx.deps.core, ctx.actor.userId, OFFICIAL_FLOW, await send(ctx, ctx.t(`reception.schedule.ask.${answered.next}`))));
  await send(ctx, ctx.t("reception.schedule.official_added", { window: answered.official.bookingWindowDays, notice: answered.official.minNoticeHours }));
  await showSchedule(ctx, answered.official.id);
});

receptionSchedules.on("message:text", async (ctx, next) => {
  if (ctx.activeFlow !== SCHEDULE_FLOW || ctx.message.text.startsWith("/")) return next();
  const done = await finishScheduleEdit(ctx.deps.core, ctx.actor, ctx.message.text);
  await send(ctx, done.step === "hours" ? ctx.t("reception.schedule.hours_set") : ctx.t("reception.schedule.day_off_set", { day: formatDate(done.day ?? "") }));
  await showSchedule(ctx, done.officialId);
});
