import { Composer } from "grammy";
import { officialLabel, setOfficialRules } from "../../../core/reception/officials.js";
import { beginScheduleEdit, finishScheduleEdit, scheduleFlow } from "../../../core/reception/schedule-flow.js";
import { officialSchedule, officialsForSchedules } from "../../../core/reception/schedule-view.js";
import { setException } from "../../../core/reception/schedule.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { defineChatFlow } from "../../flows/chat-flow.js";
import { formatDate } from "../../../locales/format.js";
import { definePicker } from "../../keyboards/picker.js";
import { answerCallback, send } from "../../messages.js";
import { startOfficialAdd } from "./official-add.js";
import { addOfficialButton, dayOffButton, directButton, hoursButton, officialsButton, openScheduleButton, scheduleButtons, undoDayButton } from "./schedule-buttons.js";
import { showSchedule } from "./schedule-card.js";

/**
 * Officials' schedules in chat, for reception staff: weekly hours typed as lines,
 * days away, direct booking on or off. Every change remakes the slots; a booking on a slot that
 * goes away is offered another time by the core, never dropped.
 */
export const receptionSchedules = new Composer<BotContext>();

/** Every official, those not receiving too, each opening their schedule. */
const officialsPicker = definePicker({
  prefix: "oso1",
  items: async (ctx) =>
    (await officialsForSchedules(ctx.deps.core, ctx.actor)).map((o) => {
      const label = officialLabel(o, ctx.actor.language).name;
      return { id: o.id, label: o.active ? label : `${label} ${ctx.label("reception.schedule.inactive")}` };
    }),
  title: (ctx) => ctx.t("reception.schedule.title"),
  pick: (officialId) => openScheduleButton.encode({ official: officialId }),
  footer: (ctx, keyboard) => void keyboard.text(ctx.label("reception.schedule.add_official"), addOfficialButton.encode({})),
});

const pressedId = (ctx: BotContext) => ctx.callbackQuery?.message?.message_id;

/** The weekly hours or a day away, typed; then the schedule as it now is. */
const scheduleChat = defineChatFlow({
  flow: scheduleFlow,
  buttons: scheduleButtons,
  steps: {
    hours: { ask: (ctx) => ({ text: ctx.t("reception.schedule.ask_hours") }), text: edited },
    day_off: { ask: (ctx) => ({ text: ctx.t("reception.schedule.ask_day_off") }), text: edited },
  },
});

async function edited(ctx: BotContext, _state: unknown, typed: string): Promise<void> {
  const done = await finishScheduleEdit(ctx.deps.core, ctx.actor, typed);
  await send(ctx, done.step === "hours" ? ctx.t("reception.schedule.hours_set") : ctx.t("reception.schedule.day_off_set", { day: formatDate(done.day ?? "") }));
  await showSchedule(ctx, done.officialId);
}

receptionSchedules.command("officials", (ctx) => officialsPicker.show(ctx, {}));

onPress(receptionSchedules, officialsButton, async (ctx) => {
  await officialsPicker.show(ctx, {}, pressedId(ctx));
  await answerCallback(ctx);
});

onPress(receptionSchedules, addOfficialButton, async (ctx) => {
  await startOfficialAdd(ctx);
  await answerCallback(ctx);
});

onPress(receptionSchedules, openScheduleButton, async (ctx, { official }) => {
  await showSchedule(ctx, official, pressedId(ctx));
  await answerCallback(ctx);
});

onPress(receptionSchedules, directButton, async (ctx, { official: officialId }) => {
  const { official } = await officialSchedule(ctx.deps.core, ctx.actor, officialId);
  await setOfficialRules(ctx.deps.core, ctx.actor, { officialId, directBooking: !official.directBooking });
  await showSchedule(ctx, officialId, pressedId(ctx));
  await answerCallback(ctx);
});

onPress(receptionSchedules, undoDayButton, async (ctx, { official, date }) => {
  await setException(ctx.deps.core, ctx.actor, { officialId: official, day: date, kind: "none" });
  await showSchedule(ctx, official, pressedId(ctx));
  await answerCallback(ctx);
});

for (const [button, step] of [[hoursButton, "hours"], [dayOffButton, "day_off"]] as const) {
  onPress(receptionSchedules, button, async (ctx, { official }) => {
    await scheduleChat.present(ctx, await beginScheduleEdit(ctx.deps.core, ctx.actor, official, step), "new");
    await answerCallback(ctx);
  });
}
