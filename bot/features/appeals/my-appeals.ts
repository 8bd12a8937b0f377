import { Composer } from "grammy";
import { rateAnswer, withdrawAppeal } from "../../../core/appeals/citizen-actions.js";
import { listMyAppeals, myAppeal } from "../../../core/appeals/citizen-view.js";
import { parseAppealNumber } from "../../../core/appeals/appeal-number.js";
import { INTAKE_LIMITS } from "../../../core/appeals/kinds.js";
import {
  addSupplementFile,
  addSupplementText,
  beginSupplement,
  cancelSupplement,
  currentSupplement,
  sendSupplement,
  SUPPLEMENT_FLOW,
  type SupplementView,
} from "../../../core/appeals/supplement-flow.js";
import { getProfile } from "../../../core/citizens/profile.js";
import { setFlowMessage } from "../../../core/flows/store.js";
import { DomainError } from "../../../core/shared/errors.js";
import type { BotContext } from "../../context.js";
import { joinHtml, type Html } from "../../html.js";
import { incomingFile, saveUpload, type IncomingFile } from "../../files/save-upload.js";
import { registerReask } from "../../flows/reask.js";
import { homeKeyboard } from "../../keyboards/home.js";
import { answerCallback, send, showInPlace, stripButtons } from "../../messages.js";
import { startIntake } from "./intake.js";
import { detailScreen, listScreen, myAppealsButton, supplementScreen, withdrawScreen } from "./my-appeals-view.js";

/**
 * "My appeals": the list, one appeal with its history and answer, and what its owner may do with
 * it. Whatever the path — a button, a deep link, a typed number — the core checks the owner.
 */
export const myAppeals = new Composer<BotContext>();

type AppealDetail = Awaited<ReturnType<typeof myAppeal>>;

/** The list, a page at a time, in place of `messageId` (or as a new message). */
export async function showMyAppeals(ctx: BotContext, messageId: number | undefined, page = 0): Promise<void> {
  const screen = listScreen(ctx, await listMyAppeals(ctx.deps.core, ctx.actor, { page }));
  await showInPlace(ctx, messageId, screen.text, screen.markup);
}

/** The first part in place of `messageId`; a long answer's overflow follows, the buttons under the last part. */
async function showAppeal(ctx: BotContext, messageId: number | undefined, view: AppealDetail, page: number): Promise<void> {
  const { parts, markup } = detailScreen(ctx, view, page);
  const [first, ...rest] = parts;
  await showInPlace(ctx, messageId, first!, rest.length === 0 ? markup : undefined);
  for (const [i, part] of rest.entries()) await send(ctx, part, i === rest.length - 1 ? markup : undefined);
}

async function askSupplement(ctx: BotContext, state: SupplementView, inPlaceOf?: number, note?: Html): Promise<void> {
  const screen = supplementScreen(ctx, state.data, note);
  if (state.messageId !== inPlaceOf) await stripButtons(ctx, state.messageId);
  const messageId = await showInPlace(ctx, inPlaceOf, screen.text, screen.markup);
  if (messageId !== state.messageId) await setFlowMessage(ctx.deps.core, ctx.actor.userId, SUPPLEMENT_FLOW, messageId);
}

registerReask(SUPPLEMENT_FLOW, async (ctx) => {
  const state = await currentSupplement(ctx.deps.core, ctx.actor);
  if (state) await askSupplement(ctx, state);
});

/** Send and Cancel work only on the current question of the same appeal. */
async function currentQuestion(ctx: BotContext, appealId: number): Promise<SupplementView> {
  const state = await currentSupplement(ctx.deps.core, ctx.actor);
  if (state?.data.appealId !== appealId || state.messageId !== ctx.callbackQuery?.message?.message_id) throw new DomainError("stale_button");
  return state;
}

/**
 * A press is answered only once what it asked for has succeeded, so a refusal of the core (not
 * yours, closed, already rated) reaches the person as the button's notice and nothing changes.
 */
myAppeals.callbackQuery(myAppealsButton.pattern, async (ctx) => {
  const parsed = myAppealsButton.parse(ctx.callbackQuery.data);
  if (!parsed) throw new DomainError("stale_button");
  const [action, appealId, page] = parsed;
  const core = ctx.deps.core;
  const messageId = ctx.callbackQuery.message?.message_id;
  const reopen = async (notice?: string) => {
    const view = await myAppeal(core, ctx.actor, { appealId });
    await answerCallback(ctx, notice);
    await showAppeal(ctx, messageId, view, page);
  };

  switch (action) {
    case "list": {
      await showMyAppeals(ctx, messageId, page);
      return answerCallback(ctx);
    }
    case "open":
      return reopen();
    case "withdraw": {
      const { appeal, canWithdraw } = await myAppeal(core, ctx.actor, { appealId });
      if (!canWithdraw) throw new DomainError("appeal_closed");
      await answerCallback(ctx);
      const screen = withdrawScreen(ctx, appeal, page);
      await showInPlace(ctx, messageId, screen.text, screen.markup);
      return;
    }
    case "withdraw_yes": {
      const { appeal } = await withdrawAppeal(core, ctx.actor, { appealId });
      return reopen(ctx.label("appeal.withdraw.done", { number: appeal.number }));
    }
    case "satisfied":
    case "unsatisfied":
      await rateAnswer(core, ctx.actor, { appealId, rating: action });
      return reopen(ctx.label("appeal.rate.thanks"));
    case "complain": {
      // Checked before intake starts, so a forged button leaves no draft behind.
      if (!(await myAppeal(core, ctx.actor, { appealId })).canComplain) throw new DomainError("complaint_needs_answer");
      await answerCallback(ctx);
      await stripButtons(ctx, messageId ?? null);
      return startIntake(ctx, appealId);
    }
    case "supplement": {
      const state = await beginSupplement(core, ctx.actor, { appealId });
      await answerCallback(ctx);
      return askSupplement(ctx, state, messageId);
    }
    case "send": {
      await currentQuestion(ctx, appealId);
      const sent = await sendSupplement(core, ctx.actor).catch(async (error: unknown) => {
        // Refused for good (the appeal closed meanwhile): the flow is over, so show the appeal as it is now.
        if (!(await currentSupplement(core, ctx.actor))) await showAppeal(ctx, messageId, await myAppeal(core, ctx.actor, { appealId }), page);
        throw error;
      });
      return reopen(ctx.label("appeal.supplement.sent", { number: sent.number }));
    }
    case "cancel": {
      await currentQuestion(ctx, appealId);
      await cancelSupplement(core, ctx.actor);
      return reopen(ctx.label("appeal.supplement.cancelled"));
    }
  }
});

/** `t.me/<bot>?start=appeal_JT-2026-000123` opens that appeal for its owner (see appeal-number.ts). */
const DEEP_LINK = "appeal_";

myAppeals.command("start", async (ctx, next) => {
  if (!ctx.match.startsWith(DEEP_LINK)) return next();
  // Someone not signed up owns no appeal: sign-up begins as usual.
  if (!(await getProfile(ctx.deps.core, ctx.actor))) return next();
  const view = await myAppeal(ctx.deps.core, ctx.actor, { number: ctx.match.slice(DEEP_LINK.length) });
  await showAppeal(ctx, undefined, view, 0);
});

myAppeals.on("message", async (ctx, next) => {
  const text = ctx.message.text;
  if (text?.startsWith("/")) return next();
  if (ctx.activeFlow === SUPPLEMENT_FLOW) return gather(ctx, next);
  // Outside every flow, a typed number opens that appeal.
  if (ctx.activeFlow !== undefined || !text || !parseAppealNumber(text)) return next();
  await showAppeal(ctx, undefined, await myAppeal(ctx.deps.core, ctx.actor, { number: text }), 0);
});

async function gather(ctx: BotContext, next: () => Promise<void>): Promise<void> {
  const file = incomingFile(ctx);
  if (file) return attach(ctx, file);
  const text = ctx.message?.text;
  if (text === undefined) return next();
  const state = await addSupplementText(ctx.deps.core, ctx.actor, { text });
  await askSupplement(ctx, state, undefined, ctx.t("appeal.supplement.text_added"));
}

async function attach(ctx: BotContext, file: IncomingFile): Promise<void> {
  const core = ctx.deps.core;
  const current = await currentSupplement(core, ctx.actor);
  // Refuse before downloading anything.
  if (current && current.data.fileIds.length >= INTAKE_LIMITS.filesMax) throw new DomainError("too_many_files", { max: INTAKE_LIMITS.filesMax });
  const saved = await saveUpload(ctx, file);
  let state = await addSupplementFile(core, ctx.actor, { fileId: saved.id });
  const notes = [ctx.t("appeal.supplement.file_added", { name: saved.fileName })];
  // A caption is part of what the person wrote.
  const caption = ctx.message?.caption;
  if (caption) {
    state = await addSupplementText(core, ctx.actor, { text: caption });
    notes.push(ctx.t("appeal.supplement.text_added"));
  }
  await askSupplement(ctx, state, undefined, joinHtml(notes));
}

/** `/cancel` during a supplement sends nothing. */
export async function cancelSupplementFlow(ctx: BotContext): Promise<void> {
  const state = await currentSupplement(ctx.deps.core, ctx.actor);
  await cancelSupplement(ctx.deps.core, ctx.actor);
  await stripButtons(ctx, state?.messageId ?? null);
  await send(ctx, ctx.t("appeal.supplement.cancelled"), homeKeyboard(ctx));
}
