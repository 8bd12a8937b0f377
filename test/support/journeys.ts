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

/** A registrar starts `/newcontrol` in Russian and answers up to the executors' question: source, number, date, text. */
export async function recordUpToExecutors(reg: SandboxUser, doc: { source: string; number: string; date: string; text: string }): Promise<void> {
  await reg.send("/newcontrol");
  await reg.press(shown("ru", `control.source.${doc.source}`));
  await reg.waitForBot(shown("ru", "control.record.ask_source_number"));
  await reg.send(doc.number);
  await reg.waitForBot(shown("ru", "control.record.ask_source_date"));
  await reg.send(doc.date);
  await reg.waitForBot(shown("ru", "control.record.ask_content"));
  await reg.send(doc.text);
}
