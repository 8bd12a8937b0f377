import { InlineKeyboard, Keyboard } from "grammy";
import type { SignupStep, SignupView } from "../../../core/citizens/signup.js";
import type { BotContext } from "../../context.js";
import { html, type Html } from "../../html.js";
import { languageKeyboard } from "../../keyboards/language.js";
import { signupButton } from "./signup-buttons.js";

export interface StepScreen {
  text: Html;
  /** Inline buttons, or the reply keyboard that the contact button needs. */
  markup: InlineKeyboard | Keyboard;
}

/** The contact button must be a reply keyboard; Back rides along as a plain reply button. */
export function phoneKeyboard(ctx: BotContext): Keyboard {
  return new Keyboard().requestContact(ctx.label("signup.phone.button")).row().text(ctx.label("common.back")).resized().persistent();
}

function withBack(ctx: BotContext, keyboard = new InlineKeyboard()): InlineKeyboard {
  return keyboard.row().text(ctx.label("common.back"), signupButton.encode("back", "-"));
}

export function signupScreen(ctx: BotContext, view: Exclude<SignupView, { step: "done" }>): StepScreen {
  const { t, label } = ctx;
  const step: SignupStep = view.step;
  switch (step) {
    case "language":
      return {
        text: html`${t("welcome.text")}\n\n${t("language.choose")}`,
        markup: languageKeyboard(view.actor.language, (l) => signupButton.encode("lang", l)),
      };
    case "consent":
      return {
        text: html`<b>${t("consent.title")}</b>\n\n${t("consent.text", { bin: ctx.deps.operatorBin })}`,
        markup: withBack(
          ctx,
          new InlineKeyboard()
            .text(label("consent.accept"), signupButton.encode("consent", "yes"))
            .text(label("consent.decline"), signupButton.encode("consent", "no")),
        ),
      };
    case "kind":
      return {
        text: t("signup.kind.ask"),
        markup: withBack(
          ctx,
          new InlineKeyboard()
            .text(label("signup.kind.individual"), signupButton.encode("kind", "individual"))
            .row()
            .text(label("signup.kind.legal"), signupButton.encode("kind", "legal")),
        ),
      };
    case "fullName":
      return { text: t(view.data.kind === "legal" ? "signup.full_name.ask_legal" : "signup.full_name.ask"), markup: withBack(ctx) };
    case "iin":
      return { text: t("signup.iin.ask"), markup: withBack(ctx) };
    case "bin":
      return { text: t("signup.bin.ask"), markup: withBack(ctx) };
    case "organization":
      return { text: t("signup.organization.ask"), markup: withBack(ctx) };
    case "phone":
      return { text: t("signup.phone.ask"), markup: phoneKeyboard(ctx) };
  }
}
