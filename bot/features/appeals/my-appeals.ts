import { Composer } from "grammy";
import { rateAnswer, withdrawAppeal } from "../../../core/appeals/citizen-actions.js";
import { listMyAppeals, myAppeal } from "../../../core/appeals/citizen-view.js";
import { parseAppealNumber } from "../../../core/appeals/appeal-number.js";
import { getProfile } from "../../../core/citizens/profile.js";
import { DomainError } from "../../../core/shared/errors.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { answerCallback, showInPlace, stripButtons } from "../../messages.js";
import { startIntake } from "./intake.js";
import {
  complainButton,
  listButton,
  listScreen,
  openButton,
  rateButton,
  reopenAppeal,
  showAppeal,
  supplementButton,
  withdrawButton,
  withdrawScreen,
  withdrawYesButton,
} from "./my-appeals-view.js";
import { startSupplement } from "./supplement.js";

/**
 * "My appeals": the list, one appeal with its history and answer, and what its owner may do with
 * it. Whatever the path — a button, a deep link, a typed number — the core checks the owner.
 */
export const myAppeals = new Composer<BotContext>();

/** The list, a page at a time, in place of `messageId` (or as a new message). */
export async function showMyAppeals(ctx: BotContext, messageId: number | undefined, page = 0): Promise<void> {
  const screen = listScreen(ctx, await listMyAppeals(ctx.deps.core, ctx.actor, { page }));
  await showInPlace(ctx, messageId, screen.text, screen.markup);
}

const pressedMessage = (ctx: BotContext) => ctx.callbackQuery?.message?.message_id;

onPress(myAppeals, listButton, async (ctx, { page }) => {
  await showMyAppeals(ctx, pressedMessage(ctx), page);
  await answerCallback(ctx);
});

onPress(myAppeals, openButton, (ctx, { appeal, page }) => reopenAppeal(ctx, appeal, page));

onPress(myAppeals, withdrawButton, async (ctx, { appeal: appealId, page }) => {
  const { appeal, canWithdraw } = await myAppeal(ctx.deps.core, ctx.actor, { appealId });
  if (!canWithdraw) throw new DomainError("appeal_closed");
  await answerCallback(ctx);
  const screen = withdrawScreen(ctx, appeal, page);
  await showInPlace(ctx, pressedMessage(ctx), screen.text, screen.markup);
});

onPress(myAppeals, withdrawYesButton, async (ctx, { appeal: appealId, page }) => {
  const { appeal } = await withdrawAppeal(ctx.deps.core, ctx.actor, { appealId });
  await reopenAppeal(ctx, appealId, page, ctx.label("appeal.withdraw.done", { number: appeal.number }));
});

onPress(myAppeals, rateButton, async (ctx, { appeal: appealId, page, rating }) => {
  await rateAnswer(ctx.deps.core, ctx.actor, { appealId, rating });
  await reopenAppeal(ctx, appealId, page, ctx.label("appeal.rate.thanks"));
});

onPress(myAppeals, complainButton, async (ctx, { appeal: appealId }) => {
  // Checked before intake starts, so a forged button leaves no draft behind.
  if (!(await myAppeal(ctx.deps.core, ctx.actor, { appealId })).canComplain) throw new DomainError("complaint_needs_answer");
  await answerCallback(ctx);
  await stripButtons(ctx, pressedMessage(ctx) ?? null);
  await startIntake(ctx, appealId);
});

onPress(myAppeals, supplementButton, (ctx, { appeal }) => startSupplement(ctx, appeal));

/** `t.me/<bot>?start=appeal_JT-2026-000123` opens that appeal for its owner (see appeal-number.ts). */
const DEEP_LINK = "appeal_";

myAppeals.command("start", async (ctx, next) => {
  if (!ctx.match.startsWith(DEEP_LINK)) return next();
  // Someone not signed up owns no appeal: sign-up begins as usual.
  if (!(await getProfile(ctx.deps.core, ctx.actor))) return next();
  const view = await myAppeal(ctx.deps.core, ctx.actor, { number: ctx.match.slice(DEEP_LINK.length) });
  await showAppeal(ctx, undefined, view, 0);
});

// Outside every flow, a typed number opens that appeal.
myAppeals.on("message", async (ctx, next) => {
  const text = ctx.message.text;
  if (ctx.activeFlow !== undefined || !text || text.startsWith("/") || !parseAppealNumber(text)) return next();
  await showAppeal(ctx, undefined, await myAppeal(ctx.deps.core, ctx.actor, { number: text }), 0);
});
