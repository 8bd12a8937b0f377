import { Composer, InlineKeyboard } from "grammy";
import { answerOfficialName, beginOfficialName, officialNameFlow, SKIPPABLE, type OfficialNameState } from "../../../core/staff/official-name-flow.js";
import { DomainError } from "../../../core/shared/errors.js";
import { defineButtons, field } from "../../buttons/codec.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { defineChatFlow, type ChatStep } from "../../flows/chat-flow.js";
import { answerCallback, send, stripButtons } from "../../messages.js";

/** The official name a new member of staff gives after joining; the rules live in core/staff/official-name-flow.ts. */
export const officialName = new Composer<BotContext>();

const nameButtons = defineButtons("on", 1);
const skipButton = nameButtons.action("skip", { version: field.version });

type Step = OfficialNameState["step"];

const step: ChatStep<Step, OfficialNameState["data"]> = {
  ask: (ctx, state) => ({
    text: ctx.t(`staff.official_name.ask.${state.step}`),
    markup: SKIPPABLE.includes(state.step) ? new InlineKeyboard().text(ctx.label("staff.official_name.skip"), skipButton.encode({ version: state.version })) : undefined,
  }),
  text: (ctx, state, text) => answer(ctx, state, text),
};

export const officialNameChat = defineChatFlow({
  flow: officialNameFlow,
  buttons: nameButtons,
  steps: { surname: step, first_name: step, patronymic: step, position_kk: step, position_ru: step, phone: step },
});

async function answer(ctx: BotContext, asked: OfficialNameState, text: string | undefined): Promise<void> {
  const { state, signature } = await answerOfficialName(ctx.deps.core, ctx.actor, text);
  if (state) return officialNameChat.present(ctx, state, "new");
  await stripButtons(ctx, asked.messageId);
  await send(ctx, ctx.t("staff.official_name.done", { signature: signature ?? "" }));
}

onPress(officialName, skipButton, async (ctx, { version }) => {
  const state = await officialNameFlow.load(ctx.deps.core, ctx.actor);
  if (!state || state.version !== version) throw new DomainError("stale_button");
  await answerCallback(ctx);
  await answer(ctx, state, undefined);
});

/** Right after joining: the first question. */
export async function askOfficialName(ctx: BotContext): Promise<void> {
  await officialNameChat.present(ctx, await beginOfficialName(ctx.deps.core, ctx.actor), "new");
}
