import { Composer, InputFile } from "grammy";
import { renderDayList } from "../../../core/reception/day-list-pdf.js";
import { recordOutcome } from "../../../core/reception/outcome.js";
import { dayList } from "../../../core/reception/views.js";
import { can } from "../../../core/shared/permissions.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { answerCallback, showInPlace, stripButtons } from "../../messages.js";
import { dayButton, noShowButton, printButton } from "./desk-buttons.js";
import { dayButtons, dayListWords, dayText } from "./desk-view.js";

/** Each official's day list, a day at a time, printable; under a meeting that has begun, "did not come". */
export const deskDays = new Composer<BotContext>();

onPress(deskDays, dayButton, async (ctx, { official: officialId, date }) => {
  const core = ctx.deps.core;
  const { official, entries } = await dayList(core, ctx.actor, { officialId, date });
  await answerCallback(ctx);
  const keyboard = dayButtons(ctx, official, date, entries, core.clock.now(), can(ctx.actor, "reception.handle"));
  await showInPlace(ctx, ctx.callbackQuery?.message?.message_id, dayText(ctx, official, date, entries), keyboard);
});

onPress(deskDays, printButton, async (ctx, { official: officialId, date }) => {
  const { official, entries } = await dayList(ctx.deps.core, ctx.actor, { officialId, date });
  await answerCallback(ctx);
  const pdf = await renderDayList(entries, dayListWords(ctx, official, date));
  await ctx.replyWithDocument(new InputFile(pdf, `reception-${official.id}-${date}.pdf`));
});

onPress(deskDays, noShowButton, async (ctx, { booking, version }) => {
  await recordOutcome(ctx.deps.core, ctx.actor, { bookingId: booking, version, attended: false });
  await answerCallback(ctx, ctx.label("reception.desk.no_show_recorded"));
  await stripButtons(ctx, ctx.callbackQuery?.message?.message_id ?? null);
});
