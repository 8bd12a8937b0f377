import { Composer, InlineKeyboard } from "grammy";
import {
  answerSignup,
  beginSignup,
  cancelSignup,
  currentSignup,
  SIGNUP_FLOW,
  type SignupInput,
  type SignupView,
} from "../../../core/citizens/signup.js";
import { setFlowMessage } from "../../../core/flows/store.js";
import { DomainError } from "../../../core/shared/errors.js";
import { speak, type BotContext } from "../../context.js";
import { registerReask } from "../../flows/reask.js";
import { answerCallback, send, showInPlace, stripButtons } from "../../messages.js";
import { sendMainMenu } from "./menu.js";
import { signupButton } from "./signup-buttons.js";
import { phoneKeyboard, signupScreen } from "./signup-view.js";

/** Citizen sign-up in chat; the rules and the step live in core/citizens/signup.ts. */
export const signup = new Composer<BotContext>();

type Via = "edit" | "new";

async function present(ctx: BotContext, view: SignupView, via: Via): Promise<void> {
  if (view.step === "done") {
    // Sign-up ends with the contact button, a reply keyboard that must now go away.
    await send(ctx, ctx.t("signup.done", { name: view.profile.fullName }), { remove_keyboard: true });
    await sendMainMenu(ctx);
    return;
  }
  // The language may have just changed: speak the new one from this message on.
  ctx.actor = { ...ctx.actor, language: view.actor.language };
  speak(ctx, view.actor.language);
  const screen = signupScreen(ctx, view);
  let messageId: number;
  if (via === "edit" && screen.markup instanceof InlineKeyboard && view.messageId !== null) {
    messageId = await showInPlace(ctx, view.messageId, screen.text, screen.markup);
  } else {
    await stripButtons(ctx, view.messageId);
    messageId = await send(ctx, screen.text, screen.markup);
  }
  if (messageId !== view.messageId) await setFlowMessage(ctx.deps.core, ctx.actor.userId, SIGNUP_FLOW, messageId);
}

async function currentMessage(ctx: BotContext): Promise<number | null> {
  const view = await currentSignup(ctx.deps.core, ctx.actor);
  return view && view.step !== "done" ? view.messageId : null;
}

async function reask(ctx: BotContext): Promise<void> {
  const view = await currentSignup(ctx.deps.core, ctx.actor);
  if (view) await present(ctx, view, "new");
}
registerReask(SIGNUP_FLOW, reask);

signup.command("start", async (ctx) => {
  const view = await beginSignup(ctx.deps.core, ctx.actor);
  if (view.step === "done") return sendMainMenu(ctx);
  await present(ctx, view, "new");
});

signup.callbackQuery(signupButton.pattern, async (ctx) => {
  const parsed = signupButton.parse(ctx.callbackQuery.data);
  const current = await currentSignup(ctx.deps.core, ctx.actor);
  // A button from any message but the current question is stale, whatever it says.
  if (!parsed || !current || current.step === "done" || current.messageId !== ctx.callbackQuery.message?.message_id) {
    throw new DomainError("stale_button");
  }
  const [action, value] = parsed;
  let input: SignupInput;
  if (action === "lang" && (value === "kk" || value === "ru" || value === "en")) input = { type: "language", language: value };
  else if (action === "consent" && (value === "yes" || value === "no"))
    input = {
      type: "consent",
      accepted: value === "yes",
      text: ctx.t("consent.text", { bin: ctx.deps.operatorBin }),
      language: ctx.actor.language,
    };
  else if (action === "kind" && (value === "individual" || value === "legal")) input = { type: "kind", kind: value };
  else if (action === "back") input = { type: "back" };
  else throw new DomainError("stale_button");

  const view = await answerSignup(ctx.deps.core, ctx.actor, input);
  await answerCallback(ctx);
  if ("declined" in view && view.declined) {
    await send(ctx, ctx.t("consent.declined"));
    return;
  }
  await present(ctx, view, "edit");
});

signup.on("message", async (ctx, next) => {
  if (ctx.activeFlow !== SIGNUP_FLOW || ctx.message.text?.startsWith("/")) return next();
  const message = ctx.message;
  let input: SignupInput;
  if (message.contact) input = { type: "contact", phone: message.contact.phone_number, contactUserId: message.contact.user_id };
  else if (message.text === ctx.t("common.back")) input = { type: "back" };
  else if (message.text !== undefined) input = { type: "text", text: message.text };
  else return next();

  try {
    const view = await answerSignup(ctx.deps.core, ctx.actor, input);
    await present(ctx, view, "new");
  } catch (error) {
    // At the phone step the contact button must stay at hand with the hint.
    const view = await currentSignup(ctx.deps.core, ctx.actor);
    if (error instanceof DomainError && view?.step === "phone") {
      await send(ctx, ctx.t(`errors.${error.code}`, error.params), phoneKeyboard(ctx));
      return;
    }
    throw error;
  }
});

/** `/cancel` in sign-up forgets the answers so far. */
export async function cancelSignupFlow(ctx: BotContext): Promise<void> {
  const messageId = await currentMessage(ctx);
  await cancelSignup(ctx.deps.core, ctx.actor);
  await stripButtons(ctx, messageId);
  await send(ctx, ctx.t("signup.cancelled"), { remove_keyboard: true });
}
