import { Composer, InlineKeyboard } from "grammy";
import { readableJournals } from "../../../core/registry/journal-view.js";
import {
  answerEntry,
  attachEntryFile,
  beginEntry,
  chooseDirection,
  chooseDispatch,
  chooseJournal,
  DISPATCH_CHOICES,
  entryFlow,
  filesDone,
  finishEntry,
  skipStep,
  type EntryDraft,
  type EntryState,
  type EntryStep,
} from "../../../core/registry/entry-flow.js";
import { DomainError } from "../../../core/shared/errors.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { saveUpload } from "../../files/save-upload.js";
import { defineChatFlow, type ChatStep, type Screen } from "../../flows/chat-flow.js";
import { formatDate } from "../../../locales/format.js";
import { answerCallback, showInPlace } from "../../messages.js";
import {
  directionButton,
  dispatchButton,
  entryButtons,
  entryJournalButton,
  filesDoneButton,
  newEntryButton,
  openEntry,
  registerButton,
  skipButton,
} from "./buttons.js";

/**
 * A registrar adds a line to a journal in chat: the journal, what a court case
 * or an outgoing letter needs, the correspondent, the summary, pages, the scans, then a summary to
 * confirm. Buttons edit the question in place; a typed answer gets the next question below it.
 */
export const newEntry = new Composer<BotContext>();

const asks = (key: string) => (ctx: BotContext, state: EntryState) => ({ text: ctx.t(key, { journal: ctx.label(`registry.journal.${state.data.journal ?? "incoming"}`) }) });
const withSkip = (key: string, step: "pages" | "dispatch_detail") => (ctx: BotContext, state: EntryState) => ({
  ...asks(key)(ctx, state),
  markup: new InlineKeyboard().text(ctx.label("registry.entry.skip"), skipButton.encode({ step })),
});

function summary(ctx: BotContext, { data }: EntryState): Screen {
  const none = ctx.label("registry.card.none");
  return {
    text: ctx.t("registry.entry.summary", {
      journal: ctx.label(`registry.journal.${data.journal ?? "incoming"}`),
      direction: data.direction ? ctx.label(`registry.direction.${data.direction}`) : none,
      caseNumber: data.caseNumber ?? none,
      correspondent: data.correspondent ?? "",
      summary: data.summary ?? "",
      pages: data.pages === undefined ? none : String(data.pages),
      dispatch: data.dispatch ? `${ctx.label(`registry.dispatch.${data.dispatch}`)}${data.dispatchDetail ? ` ${data.dispatchDetail}` : ""}` : none,
      files: String(data.fileIds.length),
    }),
    markup: new InlineKeyboard().text(ctx.label("registry.entry.register"), registerButton.encode({})),
  };
}

/** Typing answers the question; only the scan step takes files; steps with buttons say to use them. */
const typed: Pick<ChatStep<EntryStep, EntryDraft>, "text" | "file"> = {
  text: async (ctx, _state, text) => entryChat.present(ctx, await answerEntry(ctx.deps.core, ctx.actor, text), "new"),
  async file(ctx, state, file) {
    if (state.step !== "file") throw new DomainError("expects_text");
    const saved = await saveUpload(ctx, file);
    await entryChat.present(ctx, await attachEntryFile(ctx.deps.core, ctx.actor, saved.id), "new");
  },
};

const entryChat = defineChatFlow({
  flow: entryFlow,
  buttons: entryButtons,
  steps: {
    journal: {
      ask(ctx) {
        const markup = new InlineKeyboard();
        for (const journal of readableJournals(ctx.actor)) markup.text(ctx.label(`registry.journal.${journal}`), entryJournalButton.encode({ journal })).row();
        return { text: ctx.t("registry.entry.ask_journal"), markup };
      },
      ...typed,
    },
    direction: {
      ask: (ctx) => ({
        text: ctx.t("registry.entry.ask_direction"),
        markup: new InlineKeyboard()
          .text(ctx.label("registry.direction.in"), directionButton.encode({ direction: "in" }))
          .text(ctx.label("registry.direction.out"), directionButton.encode({ direction: "out" })),
      }),
      ...typed,
    },
    case_number: { ask: asks("registry.entry.ask_case_number"), ...typed },
    correspondent: { ask: (ctx, state) => asks(state.data.journal === "court_cases" ? "registry.entry.ask_court" : "registry.entry.ask_correspondent")(ctx, state), ...typed },
    summary: { ask: asks("registry.entry.ask_summary"), ...typed },
    pages: { ask: withSkip("registry.entry.ask_pages", "pages"), ...typed },
    dispatch: {
      ask(ctx) {
        const markup = new InlineKeyboard();
        for (const dispatch of DISPATCH_CHOICES) markup.text(ctx.label(`registry.dispatch.${dispatch}`), dispatchButton.encode({ dispatch })).row();
        return { text: ctx.t("registry.entry.ask_dispatch"), markup };
      },
      ...typed,
    },
    dispatch_detail: {
      ask: (ctx, state) => (state.data.dispatch === "email" ? asks("registry.entry.ask_email")(ctx, state) : withSkip("registry.entry.ask_post_number", "dispatch_detail")(ctx, state)),
      ...typed,
    },
    file: {
      ask(ctx, state) {
        const count = state.data.fileIds.length;
        const markup = new InlineKeyboard().text(ctx.label(count === 0 ? "registry.entry.no_scan" : "registry.entry.files_done"), count === 0 ? skipButton.encode({ step: "file" }) : filesDoneButton.encode({}));
        return { text: ctx.t("registry.entry.ask_scan", { count }), markup };
      },
      ...typed,
    },
    confirm: { ask: summary, ...typed },
  },
});

/** After a press the next question replaces the one pressed. */
async function pressed(ctx: BotContext, state: EntryState): Promise<void> {
  await answerCallback(ctx);
  await entryChat.present(ctx, state, "pressed");
}

newEntry.command("newentry", async (ctx) => entryChat.present(ctx, await beginEntry(ctx.deps.core, ctx.actor), "new"));
onPress(newEntry, newEntryButton, async (ctx) => {
  const state = await beginEntry(ctx.deps.core, ctx.actor);
  await answerCallback(ctx);
  await entryChat.present(ctx, state, "new");
});
onPress(newEntry, entryJournalButton, async (ctx, { journal }) => pressed(ctx, await chooseJournal(ctx.deps.core, ctx.actor, journal)));
onPress(newEntry, directionButton, async (ctx, { direction }) => pressed(ctx, await chooseDirection(ctx.deps.core, ctx.actor, direction)));
onPress(newEntry, dispatchButton, async (ctx, { dispatch }) => pressed(ctx, await chooseDispatch(ctx.deps.core, ctx.actor, dispatch)));
onPress(newEntry, skipButton, async (ctx, { step }) => pressed(ctx, await skipStep(ctx.deps.core, ctx.actor, step)));
onPress(newEntry, filesDoneButton, async (ctx) => pressed(ctx, await filesDone(ctx.deps.core, ctx.actor)));

onPress(newEntry, registerButton, async (ctx) => {
  const entry = await finishEntry(ctx.deps.core, ctx.actor);
  await answerCallback(ctx);
  const markup = new InlineKeyboard().text(ctx.label("registry.button.open_entry"), openEntry.encode({ entry: entry.id })).row().text(ctx.label("registry.button.another"), newEntryButton.encode({}));
  await showInPlace(
    ctx,
    ctx.callbackQuery?.message?.message_id,
    ctx.t("registry.entry.registered", { number: entry.number, journal: ctx.label(`registry.journal.${entry.journal}`), date: formatDate(entry.entryDate) }),
    markup,
  );
});
