import { Composer, InlineKeyboard } from "grammy";
import { classifyAppeal } from "../../../core/appeals/classify.js";
import { APPEAL_CATEGORIES } from "../../../core/appeals/kinds.js";
import { beginRegistrarReason, currentRegistrarReason, finishRegistrarReason, REGISTRAR_REASON_FLOW } from "../../../core/appeals/registrar-reason-flow.js";
import { forwardTargets, forwardToJaUnit, newAppeal, newAppeals, reviewerWorkload } from "../../../core/appeals/registrar-queue.js";
import { setFlowMessage } from "../../../core/flows/store.js";
import { DomainError } from "../../../core/shared/errors.js";
import { unitName } from "../../../core/staff/units.js";
import type { BotContext } from "../../context.js";
import { html, type Html } from "../../html.js";
import { answerCallback, send, showInPlace, stripButtons } from "../../messages.js";
import { bodyList, categoryOf, itemText, QUICK, queueButton, reviewerList, unitList } from "./registrar-view.js";

/**
 * The registrar's queue in chat (Reg. 7.1.5–7.1.7): each new appeal, the oldest first, with buttons
 * for its category and then where it goes: to a reviewer, a JA unit, a state body, or left without
 * review; then straight on to the next one. The core re-checks every tap.
 */
export const registrarQueue = new Composer<BotContext>();

async function showNext(ctx: BotContext): Promise<void> {
  const queue = await newAppeals(ctx.deps.core, ctx.actor);
  const item = queue[0];
  if (!item) return void (await send(ctx, ctx.t("staff.registry.empty")));
  const keyboard = new InlineKeyboard();
  APPEAL_CATEGORIES.forEach((category, index) => keyboard.text(ctx.label(`appeal.category.${category}`), queueButton.encode("cat", item.id, index, 0)).row());
  await send(ctx, html`${itemText(ctx, item, 1, queue.length)}\n\n${ctx.t("staff.registry.choose_category")}`, keyboard);
}

registrarQueue.command("queue", (ctx) => showNext(ctx));

registrarQueue.callbackQuery(queueButton.pattern, async (ctx) => {
  const parsed = queueButton.parse(ctx.callbackQuery.data);
  if (!parsed) throw new DomainError("stale_button");
  const [action, appealId, categoryIndex, target] = parsed;
  const messageId = ctx.callbackQuery.message?.message_id;
  const core = ctx.deps.core;
  const category = categoryOf(categoryIndex);
  const categoryLabel = ctx.label(`appeal.category.${category}`);

  if (action === "as") {
    const { appeal } = await classifyAppeal(core, ctx.actor, { appealId, category, holderUserId: target });
    const name = (await reviewerWorkload(core, ctx.actor)).find((r) => r.userId === target)?.name ?? "";
    return done(ctx, messageId, ctx.t("staff.registry.classified", { number: appeal.number, category: categoryLabel, name }));
  }
  if (action === "ju") {
    const { appeal } = await forwardToJaUnit(core, ctx.actor, { appealId, unitId: target, category });
    const unit = await targetName(ctx, "ja_unit", target).catch(() => "");
    return done(ctx, messageId, ctx.t("staff.registry.forwarded_internal", { number: appeal.number, unit }));
  }
  if (action === "q1" || action === "q2") {
    const state = await currentRegistrarReason(core, ctx.actor);
    if (state?.step !== "external_reason" || state.data.appealId !== appealId || state.data.unitId !== target) throw new DomainError("stale_button");
    return finished(ctx, ctx.t(`staff.registry.quick.${action}`), messageId);
  }

  // The rest only show the next question: the appeal must still wait for its preliminary review.
  if (action === "mrv" || action === "mju" || action === "meb") {
    const list = action === "mrv" ? reviewerList : action === "mju" ? unitList : bodyList;
    await list.show(ctx, { args: [appealId, categoryIndex] }, messageId);
    return answerCallback(ctx);
  }
  const item = await newAppeal(core, ctx.actor, appealId);
  const header = itemText(ctx, item, 1, 1);
  if (action === "cat") {
    const keyboard = new InlineKeyboard()
      .text(ctx.label("staff.registry.assign"), queueButton.encode("mrv", appealId, categoryIndex, 0)).row()
      .text(ctx.label("staff.registry.to_unit"), queueButton.encode("mju", appealId, categoryIndex, 0)).row()
      .text(ctx.label("staff.registry.to_body"), queueButton.encode("meb", appealId, categoryIndex, 0)).row()
      .text(ctx.label("staff.registry.leave"), queueButton.encode("lw", appealId, categoryIndex, 0));
    await answerCallback(ctx);
    return void (await showInPlace(ctx, messageId, html`${header}\n\n${ctx.t("staff.registry.category_chosen", { category: categoryLabel })}`, keyboard));
  }
  if (action === "eb") {
    await beginRegistrarReason(core, ctx.actor, { step: "external_reason", data: { appealId, unitId: target, category } });
    const keyboard = new InlineKeyboard();
    for (const quick of QUICK) keyboard.text(ctx.label(`staff.registry.quick.${quick}`), queueButton.encode(quick, appealId, categoryIndex, target)).row();
    const body = await targetName(ctx, "external_body", target);
    await answerCallback(ctx);
    const asked = await showInPlace(ctx, messageId, ctx.t("staff.registry.ask_body_reason", { number: item.number, body }), keyboard);
    return setFlowMessage(core, ctx.actor.userId, REGISTRAR_REASON_FLOW, asked);
  }
  // lw: the reasons are typed, as a decision needs them in full.
  await beginRegistrarReason(core, ctx.actor, { step: "leave_reason", data: { appealId, category } });
  await answerCallback(ctx);
  const asked = await showInPlace(ctx, messageId, ctx.t("staff.registry.ask_leave_reason", { number: item.number }));
  await setFlowMessage(core, ctx.actor.userId, REGISTRAR_REASON_FLOW, asked);
});

registrarQueue.on("message:text", async (ctx, next) => {
  if (ctx.activeFlow !== REGISTRAR_REASON_FLOW || ctx.message.text.startsWith("/")) return next();
  const state = await currentRegistrarReason(ctx.deps.core, ctx.actor);
  await finished(ctx, ctx.message.text, undefined);
  await stripButtons(ctx, state?.messageId ?? null);
});

async function targetName(ctx: BotContext, kind: "ja_unit" | "external_body", unitId: number): Promise<string> {
  const unit = (await forwardTargets(ctx.deps.core, ctx.actor, kind)).find((u) => u.id === unitId);
  if (!unit) throw new DomainError("stale_button");
  return unitName(unit, ctx.actor.language);
}

async function finished(ctx: BotContext, reason: string, messageId: number | undefined): Promise<void> {
  const state = await currentRegistrarReason(ctx.deps.core, ctx.actor);
  const body = state?.step === "external_reason" && state.data.unitId !== undefined ? await targetName(ctx, "external_body", state.data.unitId).catch(() => "") : "";
  const { step, appeal } = await finishRegistrarReason(ctx.deps.core, ctx.actor, reason);
  const text =
    step === "external_reason"
      ? ctx.t("staff.registry.forwarded_external", { number: appeal.number, body })
      : ctx.t("staff.registry.left", { number: appeal.number });
  await done(ctx, messageId, text);
}

async function done(ctx: BotContext, messageId: number | undefined, text: Html): Promise<void> {
  await answerCallback(ctx);
  await showInPlace(ctx, messageId, text);
  await showNext(ctx);
}
