import { Composer, InlineKeyboard, InputFile } from "grammy";
import { storedFileForSending } from "../../../core/files/stored-files.js";
import { entryCard, listEntries, readableJournals, searchEntries, type EntryCard, type EntryLine } from "../../../core/registry/journal-view.js";
import { JOURNALS } from "../../../core/registry/kinds.js";
import { onPress } from "../../buttons/on-press.js";
import { defineButtons, field } from "../../buttons/codec.js";
import type { BotContext } from "../../context.js";
import { definePicker } from "../../keyboards/picker.js";
import { formatDate, formatDateTime } from "../../../locales/format.js";
import type { Html } from "../../../locales/html.js";
import { answerCallback, send, showInPlace } from "../../messages.js";
import { EXPORT_PERIODS } from "../../../core/registry/export-period.js";
import { exportButton, journalButton, markButton, menuButton, newEntryButton, openEntry } from "./buttons.js";

/**
 * The registry in chat (`/registry`): the journals, each newest first; a line's whole card with its
 * links, scans and trail; marking a line for official use. Words after the command find lines in
 * every journal one may read. The complete journal for a period is its workbook.
 */
export const journals = new Composer<BotContext>();

/** The newest lines a chat list pages through; older ones are found by words or read in the workbook. */
const CHAT_LINES = 200;

const pressedId = (ctx: BotContext) => ctx.callbackQuery?.message?.message_id;

function lineOf(ctx: BotContext, line: EntryLine): Html {
  return ctx.t("registry.line", {
    number: line.number,
    date: formatDate(line.entryDate),
    correspondent: line.correspondent,
    marks: [line.restricted ? ctx.label("registry.card.restricted_mark") : "", line.erased ? ctx.label("registry.card.erased_mark") : ""].join(""),
  });
}

function menuKeyboard(ctx: BotContext): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const journal of readableJournals(ctx.actor)) keyboard.text(ctx.label(`registry.journal.${journal}`), journalButton.encode({ journal })).row();
  return keyboard.text(ctx.label("registry.button.new"), newEntryButton.encode({}));
}

const journalList = definePicker({
  prefix: "rgl",
  args: { journal: field.choice(...JOURNALS) },
  items: async (ctx, { journal }) =>
    (await listEntries(ctx.deps.core, ctx.actor, { journal, limit: CHAT_LINES })).lines.map((line) => ({ id: line.id, label: line.number, line: lineOf(ctx, line) })),
  title: (ctx, { journal }, _input, items) => ctx.t("registry.list_title", { journal: ctx.label(`registry.journal.${journal}`), count: items.length, max: CHAT_LINES }),
  empty: (ctx) => ctx.t("registry.list_empty"),
  pick: (entry) => openEntry.encode({ entry }),
  footer(ctx, keyboard, { journal }) {
    keyboard.row();
    for (const period of EXPORT_PERIODS) keyboard.text(ctx.label(`registry.export.${period}`), exportButton.encode({ journal, period }));
    keyboard.row().text(ctx.label("common.back"), menuButton.encode({}));
  },
});

const foundList = definePicker({
  prefix: "rgf",
  args: {},
  items: async (ctx, _args, input) => (await searchEntries(ctx.deps.core, ctx.actor, input ?? "")).map((line) => ({ id: line.id, label: line.number, line: lineOf(ctx, line) })),
  title: (ctx, _args, input, items) => ctx.t("registry.found_title", { query: input ?? "", count: items.length }),
  empty: (ctx, input) => ctx.t("registry.found_none", { query: input ?? "" }),
  pick: (entry) => openEntry.encode({ entry }),
});

const cardButtons = defineButtons("rgc", 1);
const filesButton = cardButtons.action("files", { entry: field.id });

function cardText(ctx: BotContext, card: EntryCard): Html {
  const none = ctx.label("registry.card.none");
  const dispatch = card.dispatch as { method?: string; postNumber?: string; address?: string } | null;
  const court = card.courtCase as { caseNumber?: string; volumes?: number; sentOn?: string; returnedOn?: string } | null;
  const trail = card.trail.map((e) =>
    ctx.t("registry.card.event", { at: formatDateTime(e.at), kind: ctx.label(`registry.event.${e.kind}`), reason: e.reason ?? "" }),
  );
  return ctx.t("registry.card.text", {
    number: card.number,
    journal: ctx.label(`registry.journal.${card.journal}`),
    date: formatDate(card.entryDate),
    direction: card.direction ? ctx.label(`registry.direction.${card.direction}`) : none,
    correspondent: card.correspondent,
    summary: card.summary,
    pages: card.pages === null ? none : String(card.pages),
    dispatch: dispatch?.method ? `${ctx.label(`registry.dispatch.${dispatch.method}`)} ${dispatch.postNumber ?? dispatch.address ?? ""}`.trim() : none,
    courtCase: court?.caseNumber ? `${court.caseNumber}${court.volumes ? ` · ${ctx.label("registry.card.volumes", { count: court.volumes })}` : ""}` : none,
    link: [card.appealNumber, card.controlNumber, card.replyToNumber].filter(Boolean).join(", ") || none,
    nomenclature: card.caseIndex ? `${card.caseIndex} ${card.caseTitle ?? ""}`.trim() : none,
    marks: [card.restricted ? ctx.label("registry.card.restricted_mark") : "", card.erased ? ctx.label("registry.card.erased_mark") : ""].join(""),
    trail: trail.join("\n"),
  });
}

async function showCard(ctx: BotContext, entryId: number): Promise<void> {
  const card = await entryCard(ctx.deps.core, ctx.actor, entryId);
  const keyboard = new InlineKeyboard();
  if (card.files.length > 0) keyboard.text(ctx.label("registry.card.files", { count: card.files.length }), filesButton.encode({ entry: card.id })).row();
  if (ctx.actor.clearance && card.journal !== "restricted") {
    keyboard.text(ctx.label(card.restricted ? "registry.button.unmark" : "registry.button.mark"), markButton.encode({ entry: card.id, restricted: !card.restricted })).row();
  }
  keyboard.text(ctx.label("common.back"), journalButton.encode({ journal: card.journal }));
  await showInPlace(ctx, pressedId(ctx), cardText(ctx, card), keyboard);
}

journals.command("registry", async (ctx) => {
  const keyboard = menuKeyboard(ctx);
  const words = ctx.match.trim();
  if (words !== "") return void (await foundList.show(ctx, { args: {}, input: words }));
  await send(ctx, ctx.t("registry.menu"), keyboard);
});

onPress(journals, menuButton, async (ctx) => {
  const keyboard = menuKeyboard(ctx);
  await answerCallback(ctx);
  await showInPlace(ctx, pressedId(ctx), ctx.t("registry.menu"), keyboard);
});

onPress(journals, journalButton, async (ctx, { journal }) => {
  await journalList.show(ctx, { args: { journal } }, pressedId(ctx));
  await answerCallback(ctx);
});

onPress(journals, openEntry, async (ctx, { entry }) => {
  await showCard(ctx, entry);
  await answerCallback(ctx);
});

onPress(journals, filesButton, async (ctx, { entry }) => {
  const card = await entryCard(ctx.deps.core, ctx.actor, entry);
  await answerCallback(ctx);
  for (const file of card.files) {
    const stored = await storedFileForSending(ctx.deps.core, file.id);
    if (stored) await ctx.replyWithDocument(new InputFile(stored.path, stored.fileName));
  }
});
