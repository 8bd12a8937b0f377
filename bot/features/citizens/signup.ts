import { Composer } from "grammy";
import { answerSignup, beginSignup, signupFlow, type SignupData, type SignupInput, type SignupState, type SignupStep, type SignupView } from "../../../core/citizens/signup.js";
import { DomainError } from "../../../core/shared/errors.js";
import { onPress } from "../../buttons/on-press.js";
import { republishChatCommands } from "../../commands.js";
import { speak, type BotContext } from "../../context.js";
import { defineChatFlow, type ChatStep } from "../../flows/chat-flow.js";
import { answerCallback, send } from "../../messages.js";
import { sendMainMenu } from "./menu.js";
import { consentChoice, kindChoice, languageChoice, signupButtons } from "./signup-buttons.js";
import { phoneKeyboard, replyMarkup, signupScreen } from "./signup-view.js";

/** Citizen sign-up in chat; the rules and the step live in core/citizens/signup.ts. */
export const signup = new Composer<BotContext>();

/** Every step takes typed text and a contact; the core says which one it waits for, and why not the other. */
const step: ChatStep<SignupStep, SignupData> = {
  ask: (ctx, state) => signupScreen(ctx, state),
  // The phone question's Back is a reply button, so it arrives as its label.
  text: (ctx, state, text) => typed(ctx, state, text === ctx.label("common.back") ? { type: "back" } : { type: "text", text }),
  contact: (ctx, state, contact) => typed(ctx, state, { type: "contact", phone: contact.phone_number, contactUserId: contact.user_id }),
};

const signupChat = defineChatFlow({
  flow: signupFlow,
  buttons: signupButtons,
  steps: { language: step, consent: step, kind: step, fullName: step, iin: step, bin: step, organization: step, phone: step },
  cancelled: (ctx) => ({ text: ctx.t("signup.cancelled"), markup: replyMarkup({ remove_keyboard: true }) }),
});

async function show(ctx: BotContext, view: SignupView, via: "edit" | "new"): Promise<void> {
  if (view.step === "done") {
    // Sign-up ends with the contact button, a reply keyboard that must now go away.
    await send(ctx, ctx.t("signup.done", { name: view.profile.fullName }), { remove_keyboard: true });
    await sendMainMenu(ctx);
    return;
  }
  // The language may have just changed: speak the new one from this message on.
  ctx.actor = { ...ctx.actor, language: view.actor.language };
  speak(ctx, view.actor.language);
  if (view.declined) return void (await send(ctx, ctx.t("consent.declined")));
  // The contact button's reply keyboard cannot replace inline buttons in place.
  await signupChat.present(ctx, view, view.step === "phone" ? "new" : via);
}

async function typed(ctx: BotContext, state: SignupState, input: SignupInput): Promise<void> {
  try {
    await show(ctx, await answerSignup(ctx.deps.core, ctx.actor, input), "new");
  } catch (error) {
    // At the phone step the contact button must stay at hand with the hint.
    if (!(error instanceof DomainError) || state.step !== "phone") throw error;
    await send(ctx, ctx.t(`errors.${error.code}`, error.params), phoneKeyboard(ctx));
  }
}

async function pressed(ctx: BotContext, input: SignupInput): Promise<void> {
  const view = await answerSignup(ctx.deps.core, ctx.actor, input);
  await answerCallback(ctx);
  await show(ctx, view, "edit");
}

signup.command("start", async (ctx) => {
  const view = await beginSignup(ctx.deps.core, ctx.actor);
  if (view.step === "done") return sendMainMenu(ctx);
  await signupChat.present(ctx, view, "new");
});

onPress(signup, languageChoice, async (ctx, { language, version }) => {
  await pressed(ctx, { type: "language", language, version });
  // The "/" menu speaks the chosen language, as after /language.
  if (ctx.chat?.type === "private") await republishChatCommands(ctx.api, ctx.chat.id, ctx.actor);
});

onPress(signup, consentChoice, (ctx, { answer, version }) =>
  // The words kept with the answer are the ones this person was shown, in their language.
  pressed(ctx, { type: "consent", accepted: answer === "yes", text: ctx.t("consent.text", { bin: ctx.deps.operatorBin }), language: ctx.actor.language, version }),
);

onPress(signup, kindChoice, (ctx, { kind, version }) => pressed(ctx, { type: "kind", kind, version }));
