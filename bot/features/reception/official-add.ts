import { beginOfficialAdd, officialAddAnswer, officialFlow, OFFICIAL_STEPS, type OfficialAddState } from "../../../core/reception/official-flow.js";
import { defineButtons } from "../../buttons/codec.js";
import type { BotContext } from "../../context.js";
import { defineChatFlow, type ChatStep } from "../../flows/chat-flow.js";
import { send } from "../../messages.js";
import { showSchedule } from "./schedule-card.js";

/** Adding an official has no buttons of its own; its family holds the flow's Back. */
const officialAddButtons = defineButtons("roff", 1);

type Step = (typeof OFFICIAL_STEPS)[number];

/** Each answer typed; after the last the official is added and their (empty) schedule shown. */
const answer: ChatStep<Step, OfficialAddState["data"]> = {
  ask: (ctx, state) => ({ text: ctx.t(`reception.schedule.ask.${state.step}`) }),
  async text(ctx, _state, text) {
    const answered = await officialAddAnswer(ctx.deps.core, ctx.actor, text);
    if ("next" in answered) return officialChat.present(ctx, answered.next, "new");
    await send(ctx, ctx.t("reception.schedule.official_added", { window: answered.official.bookingWindowDays, notice: answered.official.minNoticeHours }));
    await showSchedule(ctx, answered.official.id);
  },
};

/** Reception staff add an official in chat: name, title and place, each in Kazakh and in Russian. */
const officialChat = defineChatFlow({
  flow: officialFlow,
  buttons: officialAddButtons,
  steps: { nameKk: answer, nameRu: answer, titleKk: answer, titleRu: answer, placeKk: answer, placeRu: answer },
});

export async function startOfficialAdd(ctx: BotContext): Promise<void> {
  await officialChat.present(ctx, await beginOfficialAdd(ctx.deps.core, ctx.actor), "new");
}
