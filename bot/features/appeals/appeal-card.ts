import { Composer, InlineKeyboard, InputFile } from "grammy";
import { searchAppeals } from "../../../core/appeals/search.js";
import { staffAppealCard, type StaffCard } from "../../../core/appeals/staff-card.js";
import { openAppeals } from "../../../core/appeals/staff-view.js";
import { storedFileForSending } from "../../../core/files/stored-files.js";
import { DomainError } from "../../../core/shared/errors.js";
import { assertMayAttempt } from "../../../core/shared/permissions.js";
import { defineButtons, field } from "../../buttons/codec.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { joinHtml, escapeHtml, type Html } from "../../../locales/html.js";
import { formatDate, formatDateTime, preview } from "../../../locales/format.js";
import { definePicker } from "../../keyboards/picker.js";
import { answerCallback, send, showInPlace } from "../../messages.js";
import { startDraftButton } from "./drafting.js";
import { askExtensionButton } from "./extensions.js";
import { withFullText } from "./full-text.js";
import { addGroupButtons, groupLines } from "./group-view.js";

/** Mass appeals name their own events. */
const GROUP_EVENTS = ["grouped", "ungrouped"];
const eventLabel = (kind: string) => (GROUP_EVENTS.includes(kind) ? `groups.event.${kind}` : `staff.event.${kind}`);

/**
 * An appeal as staff see it: text, applicant (for roles that may see personal data), files,
 * history, and buttons for what this person may do next. Opened from `/appeals`, `/find` or a notice.
 */
export const appealCard = new Composer<BotContext>();

const buttons = defineButtons("sc", 2);
export const openAppealCard = buttons.action("open", { appeal: field.id });
const filesButton = buttons.action("files", { appeal: field.id });
const historyButton = buttons.action("hist", { appeal: field.id });

const HISTORY_LINES = 25;

function cardText(ctx: BotContext, card: StaffCard): Html {
  const { appeal, applicant } = card;
  const lines = [
    ctx.t("staff.card.head", { number: appeal.number, state: ctx.label(`appeal.state.${appeal.state}`) }),
    ctx.t("staff.card.kind", { type: ctx.label(`appeal.type.${appeal.type}`), category: appeal.category ? ctx.label(`appeal.category.${appeal.category}`) : "—" }),
    ctx.t("staff.card.dates", { received: formatDateTime(appeal.receivedAt), due: formatDate(appeal.dueOn) }),
    ctx.t("staff.card.holder", { holder: card.holder ?? ctx.label("staff.card.registry") }),
  ];
  if (applicant) {
    lines.push(ctx.t("staff.card.applicant", { name: applicant.fullName, id: applicant.iin ?? applicant.bin ?? "—", phone: applicant.phone || "—" }));
    if (applicant.organization) lines.push(ctx.t("staff.card.organization", { organization: applicant.organization }));
    lines.push(appeal.replyChannel === "post" ? ctx.t("staff.card.by_post", { address: applicant.postalAddress ?? "" }) : ctx.t("staff.card.by_chat"));
  }
  if (appeal.restricted) lines.push(ctx.t("staff.card.restricted"));
  if (card.lastReturn && appeal.state === "in_review") lines.push(ctx.t("staff.card.returned", { comment: card.lastReturn }));
  if (card.pendingExtension) lines.push(ctx.t("staff.card.extension_pending", { due: formatDate(card.pendingExtension.proposedDueOn) }));
  lines.push(...groupLines(ctx, card));
  return joinHtml([joinHtml(lines), escapeHtml(preview(appeal.text, 2500))], "\n\n");
}

async function cardButtons(ctx: BotContext, card: StaffCard): Promise<InlineKeyboard> {
  const id = card.appeal.id;
  const keyboard = new InlineKeyboard();
  if (card.may.draft) keyboard.text(ctx.label("staff.card.draft"), startDraftButton.encode({ appeal: id })).row();
  if (card.may.extend) keyboard.text(ctx.label("staff.card.extend"), askExtensionButton.encode({ appeal: id })).row();
  await addGroupButtons(ctx, card, keyboard);
  if (card.files.length > 0) keyboard.text(ctx.label("staff.card.files", { count: card.files.length }), filesButton.encode({ appeal: id }));
  keyboard.text(ctx.label("staff.card.history"), historyButton.encode({ appeal: id }));
  return withFullText(ctx, keyboard, id);
}

export async function showCard(ctx: BotContext, appealId: number, messageId?: number): Promise<void> {
  const card = await staffAppealCard(ctx.deps.core, ctx.actor, appealId);
  await showInPlace(ctx, messageId, cardText(ctx, card), await cardButtons(ctx, card));
}

function historyText(ctx: BotContext, card: StaffCard): Html {
  const lines = card.history.slice(-HISTORY_LINES).map((h) =>
    ctx.t("staff.card.history_line", { at: formatDateTime(h.at), what: ctx.label(eventLabel(h.kind)), who: h.actor ?? "—", comment: h.comment ? `: ${preview(h.comment, 200)}` : "" }),
  );
  return joinHtml([ctx.t("staff.card.history_title", { number: card.appeal.number }), ...lines]);
}

/** Open appeals, a line and a button each: the list is where work starts. */
const openList = definePicker({
  prefix: "sca",
  args: {},
  items: async (ctx) =>
    (await openAppeals(ctx.deps.core, ctx.actor)).map((r) => ({
      id: r.id,
      label: r.number,
      line: ctx.t("staff.appeals.line", { number: r.number, state: ctx.label(`appeal.state.${r.state}`), due: formatDate(r.dueOn) }),
    })),
  title: (ctx) => ctx.t("staff.appeals.title"),
  empty: (ctx) => ctx.t("staff.appeals.none"),
  pick: (appealId) => openAppealCard.encode({ appeal: appealId }),
});

/** What /find found for the words after it; those words are kept with the list, for its pages. */
const foundList = definePicker({
  prefix: "scf",
  args: {},
  async items(ctx, _args, typed) {
    if (typed === undefined) {
      // A page of a search this chat no longer shows: old, unless it was not the person's to press at all.
      assertMayAttempt(ctx.actor, "appeal.search");
      throw new DomainError("stale_button");
    }
    return (await searchAppeals(ctx.deps.core, ctx.actor, typed)).map((f) => ({
      id: f.id,
      label: f.number,
      line: ctx.t("staff.search.line", { number: f.number, state: ctx.label(`appeal.state.${f.state}`), received: formatDate(f.receivedAt.toISOString().slice(0, 10)), name: f.name ? ` — ${f.name}` : "" }),
    }));
  },
  title: (ctx, _args, typed) => ctx.t("staff.search.title", { query: typed ?? "" }),
  empty: (ctx, typed) => ctx.t("staff.search.none", { query: typed ?? "" }),
  pick: (appealId) => openAppealCard.encode({ appeal: appealId }),
});

appealCard.command("appeals", (ctx) => openList.show(ctx, {}));

appealCard.command("find", async (ctx) => {
  const typed = ctx.match.trim();
  if (!typed) return void (await send(ctx, ctx.t("staff.search.usage")));
  // The core refuses words too short or too long before the list is kept.
  await foundList.show(ctx, { input: typed });
});

onPress(appealCard, openAppealCard, async (ctx, { appeal }) => {
  await showCard(ctx, appeal);
  await answerCallback(ctx);
});

onPress(appealCard, historyButton, async (ctx, { appeal }) => {
  const card = await staffAppealCard(ctx.deps.core, ctx.actor, appeal);
  await answerCallback(ctx);
  await send(ctx, historyText(ctx, card));
});

onPress(appealCard, filesButton, async (ctx, { appeal }) => {
  const card = await staffAppealCard(ctx.deps.core, ctx.actor, appeal);
  await answerCallback(ctx);
  for (const file of card.files) {
    const stored = await storedFileForSending(ctx.deps.core, file.id);
    if (stored) await ctx.replyWithDocument(new InputFile(stored.path, stored.fileName));
  }
});
