import { z } from "zod";
import { APPEAL_CATEGORIES, type AppealCategory } from "../../../core/appeals/kinds.js";
import { forwardTargets, newAppeal, reviewerWorkload, type ForwardKind, type NewAppeal } from "../../../core/appeals/registrar-queue.js";
import { unitName } from "../../../core/staff/units.js";
import { callbackId, callbackNumber, defineCallback } from "../../callback-data.js";
import type { BotContext } from "../../context.js";
import { formatDate, formatDateTime, preview } from "../../format.js";
import { joinHtml, type Html } from "../../html.js";
import { definePicker, type ListArgs, type PickerItem } from "../../keyboards/picker.js";

export const QUICK = ["q1", "q2"] as const;
/** cat: category chosen; m*: open a list; as/ju/eb: the target chosen; lw: leave without review. */
const ACTIONS = ["cat", "mrv", "mju", "meb", "as", "ju", "eb", "lw", ...QUICK] as const;
/** `rq1:<action>:<appeal>:<category index>:<target>`. */
export const queueButton = defineCallback("rq1", z.enum(ACTIONS), callbackId, callbackNumber.refine((n) => n < APPEAL_CATEGORIES.length), callbackNumber);

export const categoryOf = (index: number): AppealCategory => APPEAL_CATEGORIES[index]!;

export function itemText(ctx: BotContext, item: NewAppeal, position: number, total: number): Html {
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
function routingList(prefix: string, question: string, items: (ctx: BotContext) => Promise<PickerItem[]>, action: "as" | "ju" | "eb") {
  return definePicker({
    prefix,
    items,
    async title(ctx, [appealId]) {
      // The appeal must still wait for its preliminary review: a list opened from an old message says so.
      const item = await newAppeal(ctx.deps.core, ctx.actor, appealId);
      return joinHtml([itemText(ctx, item, 1, 1), ctx.t(question, { number: item.number })], "\n\n");
    },
    empty: (ctx) => ctx.t("staff.registry.none"),
    pick: (id, [appealId, category]: ListArgs) => queueButton.encode(action, appealId, category, id),
    footer: (ctx, keyboard, [appealId, category]) => void keyboard.text(ctx.label("common.back"), queueButton.encode("cat", appealId, category, 0)),
  });
}

const units = (kind: ForwardKind) => async (ctx: BotContext) =>
  (await forwardTargets(ctx.deps.core, ctx.actor, kind)).map((u) => ({ id: u.id, label: unitName(u, ctx.actor.language) }));

export const reviewerList = routingList(
  "rqr1",
  "staff.registry.choose_reviewer",
  async (ctx) => (await reviewerWorkload(ctx.deps.core, ctx.actor)).map((r) => ({ id: r.userId, label: `${r.name} (${r.openCount})` })),
  "as",
);
export const unitList = routingList("rqu1", "staff.registry.choose_unit", units("ja_unit"), "ju");
export const bodyList = routingList("rqb1", "staff.registry.choose_body", units("external_body"), "eb");
