import { Composer, InlineKeyboard } from "grammy";
import { myAppeal } from "../../../core/appeals/citizen-view.js";
import { INTAKE_LIMITS } from "../../../core/appeals/kinds.js";
import {
  addSupplementFile,
  addSupplementText,
  beginSupplement,
  cancelSupplement,
  currentSupplement,
  sendSupplement,
  supplementFlow,
  type SupplementState,
} from "../../../core/appeals/supplement-flow.js";
import { DomainError } from "../../../core/shared/errors.js";
import { defineButtons, field } from "../../buttons/codec.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { saveUpload, type IncomingFile } from "../../files/save-upload.js";
import { defineChatFlow, type Screen } from "../../flows/chat-flow.js";
import { joinHtml, type Html } from "../../../locales/html.js";
import { homeKeyboard } from "../../keyboards/home.js";
import { answerCallback, stripButtons } from "../../messages.js";
import { reopenAppeal, showAppeal } from "./my-appeals-view.js";

/** A supplement to one of the citizen's appeals, gathered message by message and sent as one. */
export const supplement = new Composer<BotContext>();

/** `sp1:send:<version>` and `sp1:cancel:<version>`: only the newest question's buttons work. */
const buttons = defineButtons("sp", 1);
const sendButton = buttons.action("send", { version: field.version });
const cancelButton = buttons.action("cancel", { version: field.version });

/**
 * What just arrived (a text part, a file), said at the top of the question that follows it. The
 * chat flow asks from the state alone, so the note rides on this update until it is shown.
 */
const justAdded = new WeakMap<BotContext, Html>();

/** The supplement's one question, with what was gathered so far. */
function supplementScreen(ctx: BotContext, { data, version }: SupplementState): Screen {
  const { t, label } = ctx;
  const ask = t("appeal.supplement.ask", {
    number: data.number,
    max_files: INTAKE_LIMITS.filesMax,
    max_chars: INTAKE_LIMITS.textMax.toLocaleString("ru-RU"),
    chars: data.texts.reduce((sum, part) => sum + part.length, 0).toLocaleString("ru-RU"),
    files: data.fileIds.length,
  });
  const note = justAdded.get(ctx);
  return {
    text: note ? joinHtml([note, ask], "\n\n") : ask,
    markup: new InlineKeyboard().text(label("appeal.supplement.send"), sendButton.encode({ version })).text(label("common.cancel"), cancelButton.encode({ version })),
  };
}

const supplementChat = defineChatFlow({
  flow: supplementFlow,
  buttons,
  steps: {
    collect: {
      ask: supplementScreen,
      text: async (ctx, _state, text) => askAgain(ctx, await addSupplementText(ctx.deps.core, ctx.actor, { text }), ctx.t("appeal.supplement.text_added")),
      file: (ctx, state, file) => attach(ctx, state, file),
    },
  },
  cancelled: (ctx) => ({ text: ctx.t("appeal.supplement.cancelled"), markup: homeKeyboard(ctx) }),
});

/** The question again below what the person just sent, saying what arrived. */
async function askAgain(ctx: BotContext, state: SupplementState, note: Html): Promise<void> {
  justAdded.set(ctx, note);
  await supplementChat.present(ctx, state, "new");
}

/** "Add a supplement" under an appeal: the question takes the appeal's place; an earlier question loses its buttons. */
export async function startSupplement(ctx: BotContext, appealId: number): Promise<void> {
  const state = await beginSupplement(ctx.deps.core, ctx.actor, { appealId });
  await answerCallback(ctx);
  const shownIn = ctx.callbackQuery?.message?.message_id;
  if (shownIn === undefined) return supplementChat.present(ctx, state, "new");
  if (shownIn !== state.messageId) {
    await stripButtons(ctx, state.messageId);
    await supplementFlow.setMessage(ctx.deps.core, ctx.actor, shownIn, state.version);
  }
  await supplementChat.present(ctx, { ...state, messageId: shownIn }, "edit");
}

async function attach(ctx: BotContext, state: SupplementState, file: IncomingFile): Promise<void> {
  // Refuse before downloading anything.
  if (state.data.fileIds.length >= INTAKE_LIMITS.filesMax) throw new DomainError("too_many_files", { max: INTAKE_LIMITS.filesMax });
  const saved = await saveUpload(ctx, file);
  let next = await addSupplementFile(ctx.deps.core, ctx.actor, { fileId: saved.id });
  const notes = [ctx.t("appeal.supplement.file_added", { name: saved.fileName })];
  // A caption is part of what the person wrote.
  const caption = ctx.message?.caption;
  if (caption) {
    next = await addSupplementText(ctx.deps.core, ctx.actor, { text: caption });
    notes.push(ctx.t("appeal.supplement.text_added"));
  }
  await askAgain(ctx, next, joinHtml(notes));
}

/** Send and Cancel work only on the newest question. */
async function questionAt(ctx: BotContext, version: number): Promise<SupplementState> {
  const state = await currentSupplement(ctx.deps.core, ctx.actor);
  if (!state || state.version !== version) throw new DomainError("stale_button");
  return state;
}

onPress(supplement, sendButton, async (ctx, { version }) => {
  const { data } = await questionAt(ctx, version);
  const core = ctx.deps.core;
  const sent = await sendSupplement(core, ctx.actor).catch(async (error: unknown) => {
    // Refused for good (the appeal closed meanwhile): the flow is over, so show the appeal as it is now.
    if (!(await currentSupplement(core, ctx.actor))) await showAppeal(ctx, ctx.callbackQuery?.message?.message_id, await myAppeal(core, ctx.actor, { appealId: data.appealId }), 0);
    throw error;
  });
  await reopenAppeal(ctx, sent.appealId, 0, ctx.label("appeal.supplement.sent", { number: sent.number }));
});

onPress(supplement, cancelButton, async (ctx, { version }) => {
  const { data } = await questionAt(ctx, version);
  await cancelSupplement(ctx.deps.core, ctx.actor);
  await reopenAppeal(ctx, data.appealId, 0, ctx.label("appeal.supplement.cancelled"));
});
