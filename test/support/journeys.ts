import type { SandboxUser } from "./sandbox-user.js";
import { shown } from "./texts.js";

/** Signs an individual up through the bot, as a person would, ending at the main menu. */
export async function signUp(u: SandboxUser, lang: "kk" | "ru", name: string, iin: string): Promise<void> {
  await u.send("/start");
  await u.press(lang === "kk" ? "✅ Қазақша" : "✅ Русский");
  await u.press(shown(lang, "consent.accept"));
  await u.press(shown(lang, "signup.kind.individual"));
  await u.waitForBot(shown(lang, "signup.full_name.ask"));
  await u.send(name);
  await u.waitForBot(shown(lang, "signup.iin.ask"));
  await u.send(iin);
  await u.pressReply(shown(lang, "signup.phone.button"));
  await u.waitForBot(shown(lang, "menu.title"));
}
