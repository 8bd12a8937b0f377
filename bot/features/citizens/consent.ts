import { Composer, InlineKeyboard } from "grammy";
import { consentState, recordConsent, withdrawConsent } from "../../../core/citizens/consent.js";
import { getProfile } from "../../../core/citizens/profile.js";
import type { BotContext } from "../../context.js";
import { formatDateTime } from "../../../locales/format.js";
import { html, type Html } from "../../../locales/html.js";
import { answerCallback, send, stripButtons } from "../../messages.js";
import { onPress } from "../../buttons/on-press.js";
import { agreeButton, confirmWithdrawalButton, consentButtons, declineButton, keepButton, withdrawButton } from "./consent-buttons.js";
import { sendMainMenu } from "./menu.js";

/**
 * Consent after sign-up: a citizen who agreed to an older text is shown the
 * new one before anything else; /profile withdraws; /consent gives it again. The rules and the
 * record live in core/citizens/consent.ts.
 */
export const consent = new Composer<BotContext>();

function consentMarkup(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.label("consent.accept"), agreeButton.encode({}))
    .text(ctx.label("consent.decline"), declineButton.encode({}));
}

function consentText(ctx: BotContext): Html {
  return html`<b>${ctx.t("consent.title")}</b>\n\n${ctx.t("consent.text", { bin: ctx.deps.operatorBin })}`;
}

/** Before anything else: a signed-up citizen whose consent is to an older text is asked again. */
consent.use(async (ctx, next) => {
  if (ctx.actor.role !== "citizen" || !(ctx.message || ctx.callbackQuery)) return next();
  if ((ctx.callbackQuery?.data ?? "").startsWith(`${consentButtons.prefix}${consentButtons.version}:`)) return next();
  if (ctx.consent !== "outdated" || !(await getProfile(ctx.deps.core, ctx.actor))) return next();
  if (ctx.callbackQuery) await answerCallback(ctx);
  await send(ctx, html`${ctx.t("consent.updated")}\n\n${consentText(ctx)}`, consentMarkup(ctx));
});

consent.command("consent", async (ctx) => {
  await send(ctx, consentText(ctx), consentMarkup(ctx));
});

onPress(consent, agreeButton, async (ctx) => {
  const core = ctx.deps.core;
  // The words kept with the answer are the ones this person was shown, in their language.
  await recordConsent(core, core.db, ctx.actor, { language: ctx.actor.language, text: ctx.t("consent.text", { bin: ctx.deps.operatorBin }) });
  await answerCallback(ctx);
  await stripButtons(ctx, ctx.callbackQuery?.message?.message_id ?? null);
  await send(ctx, ctx.t("consent.renewed"));
  if (await getProfile(core, ctx.actor)) await sendMainMenu(ctx);
});

onPress(consent, declineButton, async (ctx) => {
  const core = ctx.deps.core;
  // Declining the new text withdraws the old one: nothing is processed on a text not agreed to.
  const state = await consentState(core.db, ctx.actor);
  if (state === "current" || state === "outdated") await withdrawConsent(core, ctx.actor);
  await answerCallback(ctx);
  await stripButtons(ctx, ctx.callbackQuery?.message?.message_id ?? null);
  await send(ctx, ctx.t("consent.withdrawn_on_decline"));
});

onPress(consent, withdrawButton, async (ctx) => {
  await answerCallback(ctx);
  const markup = new InlineKeyboard()
    .text(ctx.label("consent.withdraw.confirm"), confirmWithdrawalButton.encode({}))
    .row()
    .text(ctx.label("consent.withdraw.keep"), keepButton.encode({}));
  await send(ctx, ctx.t("consent.withdraw.ask"), markup);
});

onPress(consent, confirmWithdrawalButton, async (ctx) => {
  const { withdrawnAt } = await withdrawConsent(ctx.deps.core, ctx.actor);
  await answerCallback(ctx);
  await stripButtons(ctx, ctx.callbackQuery?.message?.message_id ?? null);
  await send(ctx, ctx.t("consent.withdraw.done", { time: formatDateTime(withdrawnAt) }));
});

onPress(consent, keepButton, async (ctx) => {
  await answerCallback(ctx, ctx.label("consent.withdraw.kept"));
  await stripButtons(ctx, ctx.callbackQuery?.message?.message_id ?? null);
});
