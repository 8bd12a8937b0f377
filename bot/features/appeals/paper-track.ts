import { Composer, InlineKeyboard } from "grammy";
import { myAppeal } from "../../../core/appeals/citizen-view.js";
import { answerTrackNumber, confirmTrack, openTrackLink, trackFlow, type TrackData, type TrackStep } from "../../../core/appeals/track-flow.js";
import type { LinkedAppeal } from "../../../core/appeals/track-link.js";
import { TRACK_DEEP_LINK } from "../../../core/appeals/track-token.js";
import { defineButtons, field } from "../../buttons/codec.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { defineChatFlow, type ChatStep } from "../../flows/chat-flow.js";
import { answerCallback, showInPlace } from "../../messages.js";
import { showAppeal } from "./my-appeals-view.js";

/**
 * A paper receipt's QR code opens `t.me/<bot>?start=track_<token>`: whoever types the applicant's
 * IIN (or BIN), or confirms when the letter gave none, follows the appeal in this chat from then on.
 * Someone not signed up may link too; the core decides everything.
 */
export const paperTrack = new Composer<BotContext>();

const buttons = defineButtons("tk", 1);
const confirmButton = buttons.action("confirm", { version: field.version });

const numberStep: ChatStep<TrackStep, TrackData> = {
  ask: (ctx, { data }) => ({ text: ctx.t(data.kind === "bin" ? "paper.track.ask_bin" : "paper.track.ask_iin", { number: data.number }) }),
  text: async (ctx, _state, text) => linked(ctx, await answerTrackNumber(ctx.deps.core, ctx.actor, text), undefined),
};

const trackChat = defineChatFlow({
  flow: trackFlow,
  buttons,
  steps: {
    number: numberStep,
    confirm: {
      ask: (ctx, state) => ({
        text: ctx.t("paper.track.ask_confirm", { number: state.data.number }),
        markup: new InlineKeyboard().text(ctx.label("paper.track.confirm"), confirmButton.encode({ version: state.version })),
      }),
    },
  },
  cancelled: (ctx) => ({ text: ctx.t("paper.track.cancelled") }),
});

/** Linked: said so, and the appeal shown as its owner sees it in "My appeals". */
async function linked(ctx: BotContext, appeal: LinkedAppeal, messageId: number | undefined): Promise<void> {
  await showInPlace(ctx, messageId, ctx.t(appeal.inChat ? "paper.track.linked" : "paper.track.linked_closed", { number: appeal.number }));
  await showAppeal(ctx, undefined, await myAppeal(ctx.deps.core, ctx.actor, { appealId: appeal.appealId }), 0);
}

paperTrack.chatType("private").command("start", async (ctx, next) => {
  if (!ctx.match.startsWith(TRACK_DEEP_LINK)) return next();
  await trackChat.present(ctx, await openTrackLink(ctx.deps.core, ctx.actor, ctx.match.slice(TRACK_DEEP_LINK.length)), "new");
});

onPress(paperTrack, confirmButton, async (ctx, { version }) => {
  const appeal = await confirmTrack(ctx.deps.core, ctx.actor, version);
  await answerCallback(ctx);
  await linked(ctx, appeal, ctx.callbackQuery?.message?.message_id);
});

