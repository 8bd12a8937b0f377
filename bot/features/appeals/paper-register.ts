import { Composer, InputFile } from "grammy";
import {
  answerPaper,
  attachPaperFile,
  beginPaper,
  chooseChannel,
  chooseKind,
  chooseLanguage,
  chooseType,
  confirmPaper,
  contentDone,
  paperFlow,
  skipIin,
  type PaperDraft,
  type PaperState,
  type PaperStep,
} from "../../../core/appeals/paper-flow.js";
import { reissuePaperReceipt, type PaperReceipt } from "../../../core/appeals/paper-register.js";
import { DomainError } from "../../../core/shared/errors.js";
import { renderPaperReceipt } from "../../../core/letters/paper-receipt.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { saveUpload } from "../../files/save-upload.js";
import { defineChatFlow, type ChatStep } from "../../flows/chat-flow.js";
import { formatDate } from "../../../locales/format.js";
import { answerCallback, send, showInPlace, stripButtons } from "../../messages.js";
import { channelButton, confirmButton, doneButton, kindButton, languageButton, paperButtons, paperScreen, skipIinButton, typeButton } from "./paper-register-view.js";

/**
 * `/paper`: a registrar registers a paper or e-mailed appeal in chat and gets its printable receipt;
 * `/paper <number>` prints a new receipt for one (the paper was lost). The rules live in core.
 */
export const paperRegister = new Composer<BotContext>();

/** Typing answers the question asked; a scan is taken at the content step only. */
const step: ChatStep<PaperStep, PaperDraft> = {
  ask: (ctx, state) => paperScreen(ctx, state),
  text: async (ctx, _state, text) => paperChat.present(ctx, await answerPaper(ctx.deps.core, ctx.actor, text), "new"),
  async file(ctx, state, file) {
    if (state.step !== "content") throw new DomainError("expects_text");
    const saved = await saveUpload(ctx, file);
    const next = await attachPaperFile(ctx.deps.core, ctx.actor, saved.id);
    await send(ctx, ctx.t("paper.register.file_added", { name: saved.fileName }));
    await paperChat.present(ctx, next, "new");
  },
};

const paperChat = defineChatFlow({
  flow: paperFlow,
  buttons: paperButtons,
  steps: { kind: step, name: step, id_number: step, organization: step, address: step, type: step, language: step, channel: step, content: step, summary: step },
  cancelled: (ctx) => ({ text: ctx.t("paper.register.cancelled") }),
});

/** The printed receipt as a document, in the appeal's language, with the link for this bot. */
async function sendReceipt(ctx: BotContext, receipt: PaperReceipt): Promise<void> {
  const { pdf, fileName } = await renderPaperReceipt(ctx.deps.core.db, receipt, ctx.me.username, ctx.deps.core.clock.now());
  await ctx.replyWithDocument(new InputFile(pdf, fileName));
}

paperRegister.command("paper", async (ctx) => {
  if (ctx.match.trim() === "") return paperChat.present(ctx, await beginPaper(ctx.deps.core, ctx.actor), "new");
  const receipt = await reissuePaperReceipt(ctx.deps.core, ctx.actor, { number: ctx.match });
  await send(ctx, ctx.t("paper.register.reissued", { number: receipt.number }));
  await sendReceipt(ctx, receipt);
});

/** After a press the next question replaces the pressed one, or comes below it when it wants typing. */
async function pressed(ctx: BotContext, state: PaperState): Promise<void> {
  await answerCallback(ctx);
  const buttonsOnly = state.step === "type" || state.step === "language" || state.step === "channel" || state.step === "summary";
  if (buttonsOnly) return paperChat.present(ctx, state, "pressed");
  await stripButtons(ctx, ctx.callbackQuery?.message?.message_id ?? null);
  await paperChat.present(ctx, state, "new");
}

const core = (ctx: BotContext) => ctx.deps.core;
onPress(paperRegister, kindButton, async (ctx, { kind }) => pressed(ctx, await chooseKind(core(ctx), ctx.actor, kind)));
onPress(paperRegister, typeButton, async (ctx, { type }) => pressed(ctx, await chooseType(core(ctx), ctx.actor, type)));
onPress(paperRegister, languageButton, async (ctx, { language }) => pressed(ctx, await chooseLanguage(core(ctx), ctx.actor, language)));
onPress(paperRegister, channelButton, async (ctx, { channel }) => pressed(ctx, await chooseChannel(core(ctx), ctx.actor, channel)));
onPress(paperRegister, skipIinButton, async (ctx) => pressed(ctx, await skipIin(core(ctx), ctx.actor)));
onPress(paperRegister, doneButton, async (ctx) => pressed(ctx, await contentDone(core(ctx), ctx.actor)));

onPress(paperRegister, confirmButton, async (ctx, { draft }) => {
  const receipt = await confirmPaper(core(ctx), ctx.actor, draft);
  await answerCallback(ctx);
  await showInPlace(ctx, ctx.callbackQuery?.message?.message_id, ctx.t("paper.register.registered", { number: receipt.number, due: formatDate(receipt.dueOn) }));
  await sendReceipt(ctx, receipt);
});
