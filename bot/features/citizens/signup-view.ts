import { InlineKeyboard, Keyboard } from "grammy";
import type { SignupState } from "../../../core/citizens/signup.js";
import type { BotContext } from "../../context.js";
import type { Screen } from "../../flows/chat-flow.js";
import { html } from "../../../locales/html.js";
import { languageKeyboard } from "../../keyboards/language.js";
import { consentChoice, kindChoice, languageChoice } from "./signup-buttons.js";

/**
 * A reply keyboard (the contact button) or its removal where a step's screen expects inline
 * buttons. `send` takes either; such a step has no inline Back and is never edited in place, so
 * the chat flow passes it through untouched.
 */
export function replyMarkup(markup: Keyboard | { remove_keyboard: true }): InlineKeyboard {
  return markup as unknown as InlineKeyboard;
}

/** The contact button must be a reply keyboard; Back rides along as a plain reply button. */
export function phoneKeyboard(ctx: BotContext): Keyboard {
  return new Keyboard().requestContact(ctx.label("signup.phone.button")).row().text(ctx.label("common.back")).resized().persistent();
}

export function signupScreen(ctx: BotContext, { step, data, version }: SignupState): Screen {
  const { t, label } = ctx;
  switch (step) {
    case "language":
      return {
        text: html`${t("welcome.text")}\n\n${t("language.choose")}`,
        markup: languageKeyboard(ctx.actor.language, (language) => languageChoice.encode({ language, version })),
      };
    case "consent":
      return {
        text: html`<b>${t("consent.title")}</b>\n\n${t("consent.text", { bin: ctx.deps.operatorBin })}`,
        markup: new InlineKeyboard()
          .text(label("consent.accept"), consentChoice.encode({ answer: "yes", version }))
          .text(label("consent.decline"), consentChoice.encode({ answer: "no", version })),
      };
    case "kind":
      return {
        text: t("signup.kind.ask"),
        markup: new InlineKeyboard()
          .text(label("signup.kind.individual"), kindChoice.encode({ kind: "individual", version }))
          .row()
          .text(label("signup.kind.legal"), kindChoice.encode({ kind: "legal", version })),
      };
    case "fullName":
      return { text: t(data.kind === "legal" ? "signup.full_name.ask_legal" : "signup.full_name.ask") };
    case "iin":
      return { text: t("signup.iin.ask") };
    case "bin":
      return { text: t("signup.bin.ask") };
    case "organization":
      return { text: t("signup.organization.ask") };
    case "phone":
      return { text: t("signup.phone.ask"), markup: replyMarkup(phoneKeyboard(ctx)) };
  }
}
