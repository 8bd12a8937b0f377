import { Composer, InlineKeyboard } from "grammy";
import { classifyAppeal } from "../../../core/appeals/classify.js";
import { APPEAL_CATEGORIES, type AppealCategory } from "../../../core/appeals/kinds.js";
import { forwardTargets, forwardToJaUnit, newAppeal, nextInQueue, queuePlace, reviewerWorkload, type NewAppeal, type QueuePlace } from "../../../core/appeals/registrar-queue.js";
import { beginRegistrarReason, finishRegistrarReason, registrarReasonFlow } from "../../../core/appeals/registrar-reason-flow.js";
import { DomainError } from "../../../core/shared/errors.js";
import { unitName } from "../../../core/staff/units.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { defineChatFlow } from "../../flows/chat-flow.js";
import { html, type Html } from "../../../locales/html.js";
import { answerCallback, send, showInPlace, stripButtons } from "../../messages.js";
import { withFullText } from "./full-text.js";
import {
  assignButton,
  bodiesButton,
  bodyList,
  categoryButton,
  itemText,
  leaveButton,
  QUICK,
  quickButton,
  registrarButtons,
  reviewerList,
  reviewersButton,
  toBodyButton,
  toUnitButton,
  unitList,
  unitsButton,
} from "./registrar-view.js";

/**
 * The registrar's queue in chat: each new appeal, the oldest first, with buttons
 * for its category and then where it goes: to a reviewer, a JA unit, a state body, or left without
 * review; then straight on to the next one. The core re-checks every tap.
 */
export const registrarQueue = new Composer<BotContext>();

const pressed = (ctx: BotContext) => ctx.callbackQuery?.message?.message_id;
const categoryLabel = (ctx: BotContext, category: AppealCategory) => ctx.label(`appeal.category.${category}`);

/** A new appeal with its place in the queue (counted here unless the caller read it with the appeal), asking for its category. */
export async function categoryScreen(ctx: BotContext, item: NewAppeal, known?: QueuePlace): Promise<{ text: Html; keyboard: InlineKeyboard }> {
  const keyboard = new InlineKeyboard();
  for (const category of APPEAL_CATEGORIES) keyboard.text(categoryLabel(ctx, category), categoryButton.encode({ appeal: item.id, category })).row();
  const place = known ?? (await queuePlace(ctx.deps.core, ctx.actor, item));
  return { text: html`${itemText(ctx, item, place)}\n\n${ctx.t("staff.registry.choose_category")}`, keyboard: withFullText(ctx, keyboard, item.id) };
}

export async function showNext(ctx: BotContext): Promise<void> {
  const next = await nextInQueue(ctx.deps.core, ctx.actor);
  if (!next) return void (await send(ctx, ctx.t("staff.registry.empty")));
  const screen = await categoryScreen(ctx, next.item, next.place);
  await send(ctx, screen.text, screen.keyboard);
}

registrarQueue.command("queue", (ctx) => showNext(ctx));

async function done(ctx: BotContext, messageId: number | undefined, text: Html): Promise<void> {
  await answerCallback(ctx);
  await showInPlace(ctx, messageId, text);
  await showNext(ctx);
}

async function targetName(ctx: BotContext, kind: "ja_unit" | "external_body", unitId: number): Promise<string> {
  const unit = (await forwardTargets(ctx.deps.core, ctx.actor, kind)).find((u) => u.id === unitId);
  if (!unit) throw new DomainError("stale_button");
  return unitName(unit, ctx.actor.language);
}

/** Where the appeal of this category goes; it must still wait for its preliminary review. */
onPress(registrarQueue, categoryButton, async (ctx, args) => {
  const item = await newAppeal(ctx.deps.core, ctx.actor, args.appeal);
  const keyboard = new InlineKeyboard()
    .text(ctx.label("staff.registry.assign"), reviewersButton.encode(args)).row()
    .text(ctx.label("staff.registry.to_unit"), unitsButton.encode(args)).row()
    .text(ctx.label("staff.registry.to_body"), bodiesButton.encode(args)).row()
    .text(ctx.label("staff.registry.leave"), leaveButton.encode(args));
  const place = await queuePlace(ctx.deps.core, ctx.actor, item);
  await answerCallback(ctx);
  const text = html`${itemText(ctx, item, place)}\n\n${ctx.t("staff.registry.category_chosen", { category: categoryLabel(ctx, args.category) })}`;
  await showInPlace(ctx, pressed(ctx), text, withFullText(ctx, keyboard, item.id));
});

for (const [button, list] of [[reviewersButton, reviewerList], [unitsButton, unitList], [bodiesButton, bodyList]] as const) {
  onPress(registrarQueue, button, async (ctx, args) => {
    await list.show(ctx, { args }, pressed(ctx));
    await answerCallback(ctx);
  });
}

onPress(registrarQueue, assignButton, async (ctx, { appeal: appealId, category, target }) => {
  const { appeal } = await classifyAppeal(ctx.deps.core, ctx.actor, { appealId, category, holderUserId: target });
  const name = (await reviewerWorkload(ctx.deps.core, ctx.actor)).find((r) => r.userId === target)?.name ?? "";
  await done(ctx, pressed(ctx), ctx.t("staff.registry.classified", { number: appeal.number, category: categoryLabel(ctx, category), name }));
});

onPress(registrarQueue, toUnitButton, async (ctx, { appeal: appealId, category, target }) => {
  const { appeal } = await forwardToJaUnit(ctx.deps.core, ctx.actor, { appealId, unitId: target, category });
  const unit = await targetName(ctx, "ja_unit", target).catch(() => "");
  await done(ctx, pressed(ctx), ctx.t("staff.registry.forwarded_internal", { number: appeal.number, unit }));
});

onPress(registrarQueue, toBodyButton, async (ctx, { appeal: appealId, category, target }) => {
  // An appeal that moved on, or a body no longer there, starts nothing.
  await newAppeal(ctx.deps.core, ctx.actor, appealId);
  await targetName(ctx, "external_body", target);
  const state = await beginRegistrarReason(ctx.deps.core, ctx.actor, { step: "external_reason", data: { appealId, unitId: target, category } });
  await answerCallback(ctx);
  await reasonChat.present(ctx, state, "pressed");
});

/** Leaving without review: the reasons are typed, as a decision needs them in full. */
onPress(registrarQueue, leaveButton, async (ctx, { appeal: appealId, category }) => {
  await newAppeal(ctx.deps.core, ctx.actor, appealId);
  const state = await beginRegistrarReason(ctx.deps.core, ctx.actor, { step: "leave_reason", data: { appealId, category } });
  await answerCallback(ctx);
  await reasonChat.present(ctx, state, "pressed");
});

onPress(registrarQueue, quickButton, (ctx, { reason, version }) => finished(ctx, ctx.label(`staff.registry.quick.${reason}`), version, pressed(ctx)));

/** The reason typed: the result comes under it, and the question loses its buttons. */
async function typed(ctx: BotContext, messageId: number | null, reason: string): Promise<void> {
  await finished(ctx, reason, undefined, undefined);
  await stripButtons(ctx, messageId);
}

const reasonChat = defineChatFlow({
  flow: registrarReasonFlow,
  buttons: registrarButtons,
  steps: {
    external_reason: {
      async ask(ctx, state) {
        const item = await newAppeal(ctx.deps.core, ctx.actor, state.data.appealId);
        const body = await targetName(ctx, "external_body", state.data.unitId ?? 0);
        const markup = new InlineKeyboard();
        for (const reason of QUICK) markup.text(ctx.label(`staff.registry.quick.${reason}`), quickButton.encode({ reason, version: state.version })).row();
        return { text: ctx.t("staff.registry.ask_body_reason", { number: item.number, body }), markup };
      },
      text: (ctx, state, text) => typed(ctx, state.messageId, text),
    },
    leave_reason: {
      async ask(ctx, state) {
        const item = await newAppeal(ctx.deps.core, ctx.actor, state.data.appealId);
        return { text: ctx.t("staff.registry.ask_leave_reason", { number: item.number }) };
      },
      text: (ctx, state, text) => typed(ctx, state.messageId, text),
    },
  },
});

async function finished(ctx: BotContext, reason: string, version: number | undefined, messageId: number | undefined): Promise<void> {
  const { step, unitId, appeal } = await finishRegistrarReason(ctx.deps.core, ctx.actor, reason, version);
  if (step === "leave_reason") return done(ctx, messageId, ctx.t("staff.registry.left", { number: appeal.number }));
  const body = unitId === undefined ? "" : await targetName(ctx, "external_body", unitId).catch(() => "");
  await done(ctx, messageId, ctx.t("staff.registry.forwarded_external", { number: appeal.number, body }));
}
