import { Composer, InlineKeyboard, InputFile } from "grammy";
import { z } from "zod";
import { beginDraft, cancelDraft, currentDraft, DRAFT_FLOW, draftFromTemplate, draftLetter, draftOutcome, draftText, submitDraftFlow } from "../../../core/appeals/draft-flow.js";
import { ANSWER_OUTCOMES } from "../../../core/appeals/kinds.js";
import { setFlowMessage } from "../../../core/flows/store.js";
import { DomainError } from "../../../core/shared/errors.js";
import { callbackId, callbackNumber, defineCallback } from "../../callback-data.js";
import type { BotContext } from "../../context.js";
import { preview } from "../../format.js";
import { answerCallback, send, showInPlace, stripButtons } from "../../messages.js";

/**
 * The reviewer's answer in chat (Reg. 7.2.1): start from the category's template or type the
 * text, pick the outcome, look at the letter as the Head will sign it, submit. Each step is kept
 * in the flow store, so a restart resumes at the same question.
 */
export const drafting = new Composer<BotContext>();

/** start: from the card; tpl: a template (n = its id); out: an outcome (n = its index); pdf/send/edit/stop: the last step. */
export const draftButton = defineCallback(
  "dr1",
  z.enum(["start", "tpl", "out", "send", "edit", "stop"]),
  callbackId,
  callbackNumber,
);

async function asked(ctx: BotContext, messageId: number): Promise<void> {
  await setFlowMessage(ctx.deps.core, ctx.actor.userId, DRAFT_FLOW, messageId);
}

async function askOutcome(ctx: BotContext, appealId: number, text: string, messageId?: number): Promise<void> {
  const keyboard = new InlineKeyboard();
  ANSWER_OUTCOMES.forEach((outcome, index) => keyboard.text(ctx.label(`appeal.outcome.${outcome}`), draftButton.encode("out", appealId, index)));
  keyboard.row().text(ctx.label("common.cancel"), draftButton.encode("stop", appealId, 0));
  await asked(ctx, await showInPlace(ctx, messageId, ctx.t("staff.draft.ask_outcome", { text: preview(text, 3000) }), keyboard));
}

drafting.callbackQuery(draftButton.pattern, async (ctx) => {
  const parsed = draftButton.parse(ctx.callbackQuery.data);
  if (!parsed) throw new DomainError("stale_button");
  const [action, appealId, n] = parsed;
  const core = ctx.deps.core;
  const messageId = ctx.callbackQuery.message?.message_id;

  if (action === "start") {
    const { appeal, templates } = await beginDraft(core, ctx.actor, appealId);
    const keyboard = new InlineKeyboard();
    for (const template of templates) keyboard.text(template.title, draftButton.encode("tpl", appealId, template.id)).row();
    keyboard.text(ctx.label("common.cancel"), draftButton.encode("stop", appealId, 0));
    await answerCallback(ctx);
    return asked(ctx, await send(ctx, ctx.t("staff.draft.start", { number: appeal.number, language: ctx.label(`appeal.language.${appeal.language}`) }), keyboard));
  }
  if (action === "tpl") {
    const text = await draftFromTemplate(core, ctx.actor, appealId, n);
    await answerCallback(ctx);
    await stripButtons(ctx, messageId ?? null);
    // Shown as a code block: one tap copies it, to edit and send back as the final text.
    await send(ctx, ctx.t("staff.draft.template", { text }));
    return askOutcome(ctx, appealId, text);
  }
  if (action === "out") {
    const outcome = ANSWER_OUTCOMES[n];
    if (!outcome) throw new DomainError("stale_button");
    await draftOutcome(core, ctx.actor, appealId, outcome);
    const letter = await draftLetter(core, ctx.actor, appealId);
    await answerCallback(ctx);
    await stripButtons(ctx, messageId ?? null);
    await ctx.replyWithDocument(new InputFile(letter.pdf, letter.fileName));
    const keyboard = new InlineKeyboard()
      .text(ctx.label("staff.draft.submit"), draftButton.encode("send", appealId, 0)).row()
      .text(ctx.label("staff.draft.edit"), draftButton.encode("edit", appealId, 0))
      .text(ctx.label("common.cancel"), draftButton.encode("stop", appealId, 0));
    return asked(ctx, await send(ctx, ctx.t("staff.draft.confirm", { outcome: ctx.label(`appeal.outcome.${outcome}`) }), keyboard));
  }
  if (action === "send") {
    const { appeal } = await submitDraftFlow(core, ctx.actor, appealId);
    await answerCallback(ctx);
    return void (await showInPlace(ctx, messageId, ctx.t("staff.draft.submitted", { number: appeal.number })));
  }
  const state = await currentDraft(core, ctx.actor);
  if (state?.data.appealId !== appealId) throw new DomainError("stale_button");
  await answerCallback(ctx);
  if (action === "edit") return void (await showInPlace(ctx, messageId, ctx.t("staff.draft.ask_text")));
  await cancelDraft(core, ctx.actor);
  await showInPlace(ctx, messageId, ctx.t("common.cancelled"));
});

drafting.on("message:text", async (ctx, next) => {
  if (ctx.activeFlow !== DRAFT_FLOW || ctx.message.text.startsWith("/")) return next();
  const state = await currentDraft(ctx.deps.core, ctx.actor);
  await draftText(ctx.deps.core, ctx.actor, ctx.message.text);
  await stripButtons(ctx, state?.messageId ?? null);
  if (state) await askOutcome(ctx, state.data.appealId, ctx.message.text.trim());
});
