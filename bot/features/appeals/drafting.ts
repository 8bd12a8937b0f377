import { Composer, InlineKeyboard, InputFile } from "grammy";
import {
  beginDraft,
  draftFlow,
  draftFor,
  draftFromTemplate,
  draftLetter,
  draftOutcome,
  draftTemplates,
  draftText,
  dropDraft,
  submitDraftFlow,
  untouchedTemplate,
} from "../../../core/appeals/draft-flow.js";
import { ANSWER_OUTCOMES } from "../../../core/appeals/kinds.js";
import { defineButtons, field } from "../../buttons/codec.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { defineChatFlow } from "../../flows/chat-flow.js";
import { preview } from "../../../locales/format.js";
import { joinHtml } from "../../../locales/html.js";
import { answerCallback, showInPlace, stripButtons } from "../../messages.js";

/**
 * The reviewer's answer in chat: start from the category's template or type the
 * text, pick the outcome, look at the letter as the Head will sign it, submit. Each step is kept
 * in the flow, so a restart asks the same question again.
 */
export const drafting = new Composer<BotContext>();

const buttons = defineButtons("dr", 2);
/** On the staff card: start the answer. */
export const startDraftButton = buttons.action("start", { appeal: field.id });
const templateButton = buttons.action("tpl", { appeal: field.id, template: field.id });
const outcomeButton = buttons.action("out", { appeal: field.id, outcome: field.choice(...ANSWER_OUTCOMES) });
const submitButton = buttons.action("send", { appeal: field.id });
const editButton = buttons.action("edit", { appeal: field.id });
const stopButton = buttons.action("stop", { appeal: field.id });

const cancelRow = (ctx: BotContext, markup: InlineKeyboard, appeal: number) => markup.text(ctx.label("common.cancel"), stopButton.encode({ appeal }));

/** Whatever the step, typed words are the answer's final text; then the outcome is asked. */
async function typed(ctx: BotContext, text: string): Promise<void> {
  await draftChat.present(ctx, await draftText(ctx.deps.core, ctx.actor, text), "new");
}

const draftChat = defineChatFlow({
  flow: draftFlow,
  buttons,
  steps: {
    text: {
      async ask(ctx, state) {
        const { appeal, templates, applicants } = await draftTemplates(ctx.deps.core, ctx.actor, state.data.appealId);
        const markup = new InlineKeyboard();
        for (const template of templates) markup.text(template.title, templateButton.encode({ appeal: appeal.id, template: template.id })).row();
        const start = ctx.t("staff.draft.start", { number: appeal.number, language: ctx.label(`appeal.language.${appeal.language}`) });
        // A group's answer: each applicant's name goes in by the placeholder, in their own letter.
        const text = applicants > 1 ? joinHtml([start, ctx.t("groups.draft_for", { count: applicants, placeholder: "{{name}}" })], "\n\n") : start;
        return { text, markup: cancelRow(ctx, markup, appeal.id) };
      },
      text: (ctx, _state, text) => typed(ctx, text),
    },
    outcome: {
      ask(ctx, { data }) {
        const { appealId, text } = data;
        const markup = new InlineKeyboard();
        for (const outcome of ANSWER_OUTCOMES) markup.text(ctx.label(`appeal.outcome.${outcome}`), outcomeButton.encode({ appeal: appealId, outcome }));
        // A template is shown once, as a block one tap copies, to edit and send back as the final text.
        const key = untouchedTemplate(data) ? "staff.draft.ask_outcome_template" : "staff.draft.ask_outcome";
        return { text: ctx.t(key, { text: preview(text ?? "", 3000) }), markup: cancelRow(ctx, markup.row(), appealId) };
      },
      text: (ctx, _state, text) => typed(ctx, text),
    },
    confirm: {
      ask(ctx, { data: { appealId, outcome } }) {
        const markup = new InlineKeyboard()
          .text(ctx.label("staff.draft.submit"), submitButton.encode({ appeal: appealId })).row()
          .text(ctx.label("staff.draft.edit"), editButton.encode({ appeal: appealId }));
        return { text: ctx.t("staff.draft.confirm", { outcome: ctx.label(`appeal.outcome.${outcome ?? "explained"}`) }), markup: cancelRow(ctx, markup, appealId) };
      },
      text: (ctx, _state, text) => typed(ctx, text),
    },
  },
});

const pressed = (ctx: BotContext) => ctx.callbackQuery?.message?.message_id;

onPress(drafting, startDraftButton, async (ctx, { appeal }) => {
  const { state } = await beginDraft(ctx.deps.core, ctx.actor, appeal);
  await answerCallback(ctx);
  await draftChat.present(ctx, state, "new");
});

onPress(drafting, templateButton, async (ctx, { appeal, template }) => {
  const { state } = await draftFromTemplate(ctx.deps.core, ctx.actor, appeal, template);
  await answerCallback(ctx);
  await stripButtons(ctx, pressed(ctx) ?? null);
  await draftChat.present(ctx, state, "new");
});

onPress(drafting, outcomeButton, async (ctx, { appeal, outcome }) => {
  const state = await draftOutcome(ctx.deps.core, ctx.actor, appeal, outcome);
  const letter = await draftLetter(ctx.deps.core, ctx.actor, appeal);
  await answerCallback(ctx);
  await stripButtons(ctx, pressed(ctx) ?? null);
  await ctx.replyWithDocument(new InputFile(letter.pdf, letter.fileName));
  await draftChat.present(ctx, state, "new");
});

onPress(drafting, submitButton, async (ctx, { appeal }) => {
  const result = await submitDraftFlow(ctx.deps.core, ctx.actor, appeal);
  if ("untouchedTemplate" in result) return answerCallback(ctx, ctx.label("staff.draft.untouched_template"), true);
  await answerCallback(ctx);
  await showInPlace(ctx, pressed(ctx), ctx.t("staff.draft.submitted", { number: result.appeal.number }));
});

/** The letter's text is typed again; the step stays, so the typed words take it from here. */
onPress(drafting, editButton, async (ctx, { appeal }) => {
  await draftFor(ctx.deps.core, ctx.actor, appeal);
  await answerCallback(ctx);
  await showInPlace(ctx, pressed(ctx), ctx.t("staff.draft.ask_text"));
});

onPress(drafting, stopButton, async (ctx, { appeal }) => {
  await dropDraft(ctx.deps.core, ctx.actor, appeal);
  await answerCallback(ctx);
  await showInPlace(ctx, pressed(ctx), ctx.t("common.cancelled"));
});
