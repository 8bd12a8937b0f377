import { Composer, InlineKeyboard } from "grammy";
import { answerProfileEdit, beginProfileEdit, profileEditFlow } from "../../../core/citizens/profile-edit.js";
import { getProfile, type ProfileField } from "../../../core/citizens/profile.js";
import type { FlowState } from "../../../core/flows/flow.js";
import { DomainError } from "../../../core/shared/errors.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { defineChatFlow, type ChatStep } from "../../flows/chat-flow.js";
import { answerCallback, send, showInPlace, stripButtons } from "../../messages.js";
import { cancelEditButton, editButton, profileButtons, profileScreen } from "./profile-screen.js";
import { phoneKeyboard, replyMarkup } from "./signup-view.js";

/** `/profile`: shows what the citizen gave and lets them correct one field at a time. */
export const profile = new Composer<BotContext>();

type EditState = FlowState<ProfileField, Record<string, never>>;

const QUESTIONS: Record<ProfileField, string> = {
  fullName: "signup.full_name.ask",
  iin: "signup.iin.ask",
  bin: "signup.bin.ask",
  organization: "signup.organization.ask",
  phone: "signup.phone.ask",
};

async function showProfile(ctx: BotContext, messageId?: number): Promise<void> {
  const current = await getProfile(ctx.deps.core, ctx.actor);
  if (!current) throw new DomainError("profile_missing");
  const screen = profileScreen(ctx, current);
  await showInPlace(ctx, messageId, screen.text, screen.markup);
}

/** The field's question: the phone with the contact button, the rest with Cancel. */
const question: ChatStep<ProfileField, Record<string, never>> = {
  ask: (ctx, { step: field, version }) => ({
    text: ctx.t(QUESTIONS[field]),
    markup:
      field === "phone"
        ? replyMarkup(phoneKeyboard(ctx))
        : new InlineKeyboard().text(ctx.label("common.cancel"), cancelEditButton.encode({ version })),
  }),
  // The contact keyboard's Back leaves the field as it was.
  text: (ctx, state, text) => (text === ctx.label("common.back") ? stopEditing(ctx) : save(ctx, state, { type: "text", text })),
  contact: (ctx, state, contact) => save(ctx, state, { type: "contact", phone: contact.phone_number, contactUserId: contact.user_id }),
};

const profileEditChat = defineChatFlow({
  flow: profileEditFlow,
  buttons: profileButtons,
  steps: { fullName: question, iin: question, bin: question, organization: question, phone: question },
  cancelled: (ctx) => ({ text: ctx.t("common.cancelled"), markup: replyMarkup({ remove_keyboard: true }) }),
});

async function save(ctx: BotContext, state: EditState, input: Parameters<typeof answerProfileEdit>[2]): Promise<void> {
  try {
    await answerProfileEdit(ctx.deps.core, ctx.actor, input);
  } catch (error) {
    // At the phone question the contact button must stay at hand with the hint.
    if (!(error instanceof DomainError) || state.step !== "phone") throw error;
    return void (await send(ctx, ctx.t(`errors.${error.code}`, error.params), phoneKeyboard(ctx)));
  }
  await stripButtons(ctx, state.messageId);
  await send(ctx, ctx.t("profile.saved"), { remove_keyboard: true });
  await showProfile(ctx);
}

async function stopEditing(ctx: BotContext): Promise<void> {
  await profileEditFlow.cancel(ctx.deps.core, ctx.actor);
  await send(ctx, ctx.t("common.cancelled"), { remove_keyboard: true });
  await showProfile(ctx);
}

profile.command("profile", (ctx) => showProfile(ctx));

onPress(profile, editButton, async (ctx, { field }) => {
  const state = await beginProfileEdit(ctx.deps.core, ctx.actor, field);
  await answerCallback(ctx);
  await stripButtons(ctx, ctx.callbackQuery?.message?.message_id ?? null);
  await profileEditChat.present(ctx, state, "new");
});

onPress(profile, cancelEditButton, async (ctx, { version }) => {
  const state = await profileEditFlow.load(ctx.deps.core, ctx.actor);
  if (!state || state.version !== version) throw new DomainError("stale_button");
  await profileEditFlow.cancel(ctx.deps.core, ctx.actor);
  await answerCallback(ctx, ctx.label("common.cancelled"));
  await showProfile(ctx, state.messageId ?? undefined);
});
