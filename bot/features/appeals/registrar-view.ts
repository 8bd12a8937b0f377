import { APPEAL_CATEGORIES } from "../../../core/appeals/kinds.js";
import { forwardTargets, newAppeal, queuePlace, reviewerWorkload, type ForwardKind, type NewAppeal, type QueuePlace } from "../../../core/appeals/registrar-queue.js";
import { unitName } from "../../../core/staff/units.js";
import { defineButtons, field, type ButtonAction } from "../../buttons/codec.js";
import type { BotContext } from "../../context.js";
import { formatDate, formatDateTime, preview } from "../../../locales/format.js";
import { joinHtml, type Html } from "../../../locales/html.js";
import { definePicker, type PickerItem } from "../../keyboards/picker.js";

/** The registrar's buttons: an appeal and the category chosen for it travel on each. */
export const registrarButtons = defineButtons("rq", 2);
const buttons = registrarButtons;
const routed = { appeal: field.id, category: field.choice(...APPEAL_CATEGORIES) };
const target = { ...routed, target: field.id };

export const categoryButton = buttons.action("cat", routed);
/** Open the list of reviewers, of JA units, of state bodies. */
export const reviewersButton = buttons.action("mrv", routed);
export const unitsButton = buttons.action("mju", routed);
export const bodiesButton = buttons.action("meb", routed);
/** A reviewer, JA unit or state body chosen from its list. */
export const assignButton = buttons.action("as", target);
export const toUnitButton = buttons.action("ju", target);
export const toBodyButton = buttons.action("eb", target);
export const leaveButton = buttons.action("lw", routed);
/** A ready reason for forwarding to a state body, under the question of this version of the flow. */
export const QUICK = ["q1", "q2"] as const;
export const quickButton = buttons.action("quick", { reason: field.choice(...QUICK), version: field.version });

export function itemText(ctx: BotContext, item: NewAppeal, { position, total }: QueuePlace): Html {
  return ctx.t("staff.registry.item", {
    number: item.number,
    position,
    total,
    repeated: item.repeatedOfId === null ? "" : ctx.label("staff.registry.repeated"),
    type: ctx.label(`appeal.type.${item.type}`),
    received: formatDateTime(item.receivedAt),
    forwardDue: formatDate(item.forwardDueOn),
    files: item.filesCount,
    text: preview(item.text, 3000),
  });
}

/**
 * The three lists a new appeal is routed from, each as long as the department makes it: reviewers
 * with their open work, JA units, state bodies. Their buttons carry the appeal and its category.
 */
function routingList(prefix: string, question: string, items: (ctx: BotContext) => Promise<PickerItem[]>, chosen: ButtonAction<typeof target>) {
  return definePicker({
    prefix,
    args: routed,
    items,
    async title(ctx, { appeal }) {
      // The appeal must still wait for its preliminary review: a list opened from an old message says so.
      const item = await newAppeal(ctx.deps.core, ctx.actor, appeal);
      const place = await queuePlace(ctx.deps.core, ctx.actor, item);
      return joinHtml([itemText(ctx, item, place), ctx.t(question, { number: item.number })], "\n\n");
    },
    empty: (ctx) => ctx.t("staff.registry.none"),
    pick: (id, args) => chosen.encode({ ...args, target: id }),
    footer: (ctx, keyboard, args) => void keyboard.text(ctx.label("common.back"), categoryButton.encode(args)),
  });
}

const units = (kind: ForwardKind) => async (ctx: BotContext) =>
  (await forwardTargets(ctx.deps.core, ctx.actor, kind)).map((u) => ({ id: u.id, label: unitName(u, ctx.actor.language) }));

export const reviewerList = routingList(
  "rqr",
  "staff.registry.choose_reviewer",
  async (ctx) => (await reviewerWorkload(ctx.deps.core, ctx.actor)).map((r) => ({ id: r.userId, label: `${r.name} (${r.openCount})` })),
  assignButton,
);
export const unitList = routingList("rqu", "staff.registry.choose_unit", units("ja_unit"), toUnitButton);
export const bodyList = routingList("rqb", "staff.registry.choose_body", units("external_body"), toBodyButton);
