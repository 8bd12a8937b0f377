import { Composer } from "grammy";
import { setLanguage } from "../../../core/people/users.js";
import { republishChatCommands } from "../../commands.js";
import { onPress } from "../../buttons/on-press.js";
import { speak, type BotContext } from "../../context.js";
import { reaskActiveFlow } from "../../flows/router.js";
import { answerCallback, send, showInPlace } from "../../messages.js";
import { languageButton, languageScreen } from "./language-screen.js";

/** `/language` and the menu's Language button; stored in the database, used for every later message. */
export const language = new Composer<BotContext>();

language.command("language", async (ctx) => {
  const screen = languageScreen(ctx);
  await send(ctx, screen.text, screen.markup);
});

onPress(language, languageButton, async (ctx, { language: chosen }) => {
  ctx.actor = { ...ctx.actor, ...(await setLanguage(ctx.deps.core, ctx.deps.core.db, ctx.actor, chosen)), languageChosen: true };
  speak(ctx, ctx.actor.language);
  // The "/" menu follows too, before anything is shown: a failed call is tried again with the whole press.
  if (ctx.chat?.type === "private") await republishChatCommands(ctx.api, ctx.chat.id, ctx.actor);
  await answerCallback(ctx, ctx.label("language.changed"));
  const screen = languageScreen(ctx);
  await showInPlace(ctx, ctx.callbackQuery?.message?.message_id, screen.text, screen.markup);
  // A question asked in the old language is asked again in the new one.
  await reaskActiveFlow(ctx);
});
