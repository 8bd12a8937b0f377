import { Composer, InlineKeyboard } from "grammy";
import { consentState, recordConsent, withdrawConsent } from "../../../core/citizens/consent.js";
import { getProfile } from "../../../core/citizens/profile.js";
import { DomainError } from "../../../core/shared/errors.js";
import type { BotContext } from "../../context.js";
import { formatDateTime } from "../../format.js";
import { html, type Html } from "../../html.js";
import { answerCallback, send, stripButtons } from "../../messages.js";
import { consentButton } from "./consent-buttons.js";
import { sendMainMenu } from "./menu.js";

/**
 * Consent after sign-up (Law No. 94-V, Art. 8): a citizen who agreed to an older text is shown the
 * new one before anything else; /profile withdraws; /consent gives it again. The rules and the
 * record live in core/citizens/consent.ts.
 */
export const consent = new Composer<BotContext>();

function consentMarkup(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.label("consent.accept"), consentButton.encode("agree", "-"))
    .text(ctx.label("consent.decline"), consentButton.encode("decline", "-"));
}

function consentText(ctx: BotContext): Html {
  return html`<b>${ctx.t("consent.title")}</b>\n\n${ctx.t("consent.text", { bin: ctx.deps.operatorBin })}`;
}

/** Before anything else: a signed-up citizen whose consent is to an older text is asked again. */
consent.use(async (ctx, next) => {
  if (ctx.actor.role !== "citizen" || !(ctx.message || ctx.callbackQuery)) return next();
  if (consentButton.pattern.test(ctx.callbackQuery?.data ?? "")) return next();
  if ((await consentState(ctx.deps.core.db, ctx.actor)) !== "outdated" || !(await getProfile(ctx.deps.core, ctx.actor))) return next();
  if (ctx.callbackQuery) await answerCallback(ctx);
  await send(ctx, html`${ctx.t("consent.updated")}\n\n${consentText(ctx)}`, consentMarkup(ctx));
});

consent.command("consent", async (ctx) => {
  await send(ctx, consentText(ctx), consentMarkup(ctx));
});

consent.callbackQuery(consentButton.pattern, async (ctx) => {
  const parsed = consentButton.parse(ctx.callbackQuery.data);
  if (!parsed) throw new DomainError("stale_button");
  const messageId = ctx.callbackQuery.message?.message_id ?? null;
  const core = ctx.deps.core;
  switch (parsed[0]) {
    case "agree": {
      // The words kept with the answer are the ones this person was shown, in their language.
      await recordConsent(core, core.db, ctx.actor, { language: ctx.actor.language, text: ctx.t("consent.text", { bin: ctx.deps.operatorBin }) });
      await answerCallback(ctx);
      await stripButtons(ctx, messageId);
      await send(ctx, ctx.t("consent.renewed"));
      if (await getProfile(core, ctx.actor)) await sendMainMenu(ctx);
      return;
    }
    case "decline": {
      // Declining the new text withdraws the old one: nothing is processed on a text not agreed to.
      const state = await consentState(core.db, ctx.actor);
      if (state === "current" || state === "outdated") await withdrawConsent(core, ctx.actor);
      await answerCallback(ctx);
      await stripButtons(ctx, messageId);
      await send(ctx, ctx.t("consent.withdrawn_on_decline"));
      return;
    }
    case "withdraw": {
      await answerCallback(ctx);
      const markup = new InlineKeyboard()
        .text(ctx.label("consent.withdraw.confirm"), consentButton.encode("confirm", "-"))
        .row()
        .text(ctx.label("consent.withdraw.keep"), consentButton.encode("keep", "-"));
      await send(ctx, ctx.t("consent.withdraw.ask"), markup);
      return;
    }
    case "confirm": {
      const { withdrawnAt } = await withdrawConsent(core, ctx.actor);
      await answerCallback(ctx);
      await stripButtons(ctx, messageId);
      await send(ctx, ctx.t("consent.withdraw.done", { time: formatDateTime(withdrawnAt) }));
      return;
    }
    case "keep":
      await answerCallback(ctx, ctx.label("consent.withdraw.kept"));
      await stripButtons(ctx, messageId);
      return;
  }
});
