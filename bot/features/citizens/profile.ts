import { Composer, InlineKeyboard } from "grammy";
import {
  answerProfileEdit,
  beginProfileEdit,
  cancelProfileEdit,
  currentProfileEdit,
  PROFILE_EDIT_FLOW,
} from "../../../core/citizens/profile-edit.js";
import { getProfile, type ProfileField } from "../../../core/citizens/profile.js";
import { setFlowMessage } from "../../../core/flows/store.js";
import { DomainError } from "../../../core/shared/errors.js";
import type { BotContext } from "../../context.js";
import { registerReask } from "../../flows/reask.js";
import { answerCallback, send, showInPlace, stripButtons } from "../../messages.js";
import { profileButton, profileScreen } from "./profile-screen.js";
import { phoneKeyboard } from "./signup-view.js";

/** `/profile`: shows what the citizen gave and lets them correct one field at a time. */
export const profile = new Composer<BotContext>();

const QUESTIONS: Record<ProfileField, string> = {
  fullName: "signup.full_name.ask",
  iin: "signup.iin.ask",
  bin: "signup.bin.ask",
  organization: "signup.organization.ask",
  phone: "signup.phone.ask",
};

async function ask(ctx: BotContext, field: ProfileField): Promise<void> {
  const markup =
    field === "phone" ? phoneKeyboard(ctx) : new InlineKeyboard().text(ctx.label("common.cancel"), profileButton.encode("cancel", "-"));
  const messageId = await send(ctx, ctx.t(QUESTIONS[field]), markup);
  await setFlowMessage(ctx.deps.core, ctx.actor.userId, PROFILE_EDIT_FLOW, messageId);
}

async function showProfile(ctx: BotContext, messageId?: number): Promise<void> {
  const current = await getProfile(ctx.deps.core, ctx.actor);
  if (!current) throw new DomainError("profile_missing");
  const screen = profileScreen(ctx, current);
  await showInPlace(ctx, messageId, screen.text, screen.markup);
}

registerReask(PROFILE_EDIT_FLOW, async (ctx) => {
  const state = await currentProfileEdit(ctx.deps.core, ctx.actor);
  if (state) await ask(ctx, state.field);
});

profile.command("profile", (ctx) => showProfile(ctx));

profile.callbackQuery(profileButton.pattern, async (ctx) => {
  const parsed = profileButton.parse(ctx.callbackQuery.data);
  if (!parsed) throw new DomainError("stale_button");
  const [action, field] = parsed;
  if (action === "cancel") {
    const state = await currentProfileEdit(ctx.deps.core, ctx.actor);
    if (!state || state.messageId !== ctx.callbackQuery.message?.message_id) throw new DomainError("stale_button");
    await cancelProfileEdit(ctx.deps.core, ctx.actor);
    await answerCallback(ctx, ctx.label("common.cancelled"));
    await showProfile(ctx, state.messageId);
    return;
  }
  if (field === "-") throw new DomainError("stale_button");
  await beginProfileEdit(ctx.deps.core, ctx.actor, field);
  await answerCallback(ctx);
  await stripButtons(ctx, ctx.callbackQuery.message?.message_id ?? null);
  await ask(ctx, field);
});

profile.on("message", async (ctx, next) => {
  if (ctx.activeFlow !== PROFILE_EDIT_FLOW || ctx.message.text?.startsWith("/")) return next();
  const message = ctx.message;
  const state = await currentProfileEdit(ctx.deps.core, ctx.actor);
  if (!state) return next();
  const input = message.contact
    ? { type: "contact" as const, phone: message.contact.phone_number, contactUserId: message.contact.user_id }
    : message.text !== undefined && message.text !== ctx.t("common.back")
      ? { type: "text" as const, text: message.text }
      : null;
  if (!input) {
    if (message.text === undefined) return next();
    await cancelProfileEdit(ctx.deps.core, ctx.actor);
    await send(ctx, ctx.t("common.cancelled"), { remove_keyboard: true });
    return showProfile(ctx);
  }
  try {
    await answerProfileEdit(ctx.deps.core, ctx.actor, input);
  } catch (error) {
    if (error instanceof DomainError && state.field === "phone") {
      await send(ctx, ctx.t(`errors.${error.code}`, error.params), phoneKeyboard(ctx));
      return;
    }
    throw error;
  }
  await stripButtons(ctx, state.messageId);
  await send(ctx, ctx.t("profile.saved"), { remove_keyboard: true });
  await showProfile(ctx);
});

/** `/cancel` while editing the profile keeps the old value. */
export async function cancelProfileEditFlow(ctx: BotContext): Promise<void> {
  const state = await currentProfileEdit(ctx.deps.core, ctx.actor);
  await cancelProfileEdit(ctx.deps.core, ctx.actor);
  await stripButtons(ctx, state?.messageId ?? null);
  await send(ctx, ctx.t("common.cancelled"), { remove_keyboard: true });
}
