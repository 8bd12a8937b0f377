import type { InlineKeyboard } from "grammy";
import { similarAppeals } from "../../../core/appeals/group-view.js";
import type { StaffCard } from "../../../core/appeals/staff-card.js";
import { defineButtons, field } from "../../buttons/codec.js";
import type { BotContext } from "../../context.js";
import type { Html } from "../../../locales/html.js";

/** Mass appeals on the staff card: the group an appeal is in, and the registrar's grouping buttons. */
export const groupButtons = defineButtons("gr", 1);
export const similarButton = groupButtons.action("sim", { appeal: field.id });
export const joinButton = groupButtons.action("join", { appeal: field.id, other: field.id });
export const joinAllButton = groupButtons.action("all", { appeal: field.id });
export const addByNumberButton = groupButtons.action("add", { appeal: field.id });
export const removeButton = groupButtons.action("rm", { appeal: field.id });

/** Members named on the card; a larger group says how many more. */
const NAMED_MEMBERS = 10;

export function groupLines(ctx: BotContext, card: StaffCard): Html[] {
  const { group } = card;
  if (!group) return [];
  const count = group.members.length + group.hidden;
  const head =
    group.lead.id === card.appeal.id
      ? ctx.t("groups.card.lead", { title: group.title, count })
      : ctx.t("groups.card.member", { title: group.title, count, lead: group.lead.number });
  const named = group.members.slice(0, NAMED_MEMBERS).map((m) => m.number);
  const rest = count - named.length;
  const numbers = rest > 0 ? [...named, ctx.label("groups.card.more", { count: rest })].join(", ") : named.join(", ");
  return [head, ctx.t("groups.card.members", { numbers })];
}

/** The registrar's buttons: similar appeals to group with, more by number, and out of the group. */
export async function addGroupButtons(ctx: BotContext, card: StaffCard, keyboard: InlineKeyboard): Promise<void> {
  if (!card.may.group) return;
  const appeal = card.appeal.id;
  const { similar } = await similarAppeals(ctx.deps.core, ctx.actor, appeal);
  if (similar.length > 0) keyboard.text(ctx.label("groups.card.similar", { count: similar.length }), similarButton.encode({ appeal })).row();
  keyboard.text(ctx.label("groups.card.add_number"), addByNumberButton.encode({ appeal })).row();
  if (card.group) keyboard.text(ctx.label("groups.card.remove"), removeButton.encode({ appeal })).row();
}
