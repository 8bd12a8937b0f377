import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getProfile } from "../../core/citizens/profile.js";
import { identify } from "../../core/people/users.js";
import { consents } from "../../db/schema/index.js";
import { dbKind } from "../support/db.js";
import { citizen, OPERATOR_BIN, startHarness, type Harness } from "../support/harness.js";
import type { ChatMessage } from "../support/sandbox-user.js";
import { shown } from "../support/texts.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness([
    citizen(910001, "kk"),
    citizen(910002, "ru"),
    citizen(910003, "ru"),
    citizen(910004, "kk"),
    citizen(910005, "en"),
    citizen(910006, "ru"),
    citizen(910007, "kk"),
  ]);
});
afterAll(() => h.dispose());

async function profileOf(telegramId: number) {
  const ctx = h.app().core;
  return getProfile(ctx, await identify(ctx, { telegramId }));
}

describe(`sign-up through the Bot API on ${dbKind}`, () => {
  it("signs up a Kazakh-speaking individual and shows the main menu in Kazakh", async () => {
    const u = h.user(910001);
    await u.send("/start");
    const first = await u.waitForBot(shown("kk", "language.choose"));
    expect(first.inline_keyboard?.flat().map((b) => b.text)).toEqual(["✅ Қазақша", "Русский", "English"]);
    await u.press("✅ Қазақша");
    const consent = await u.waitForBot(shown("kk", "consent.title"));
    expect(consent.text).toContain(`БСН ${OPERATOR_BIN}`);
    expect(consent.message_id).toBe(first.message_id); // the menu edits itself in place
    await u.press(shown("kk", "consent.accept"));
    await u.waitForBot(shown("kk", "signup.kind.ask"));
    await u.press(shown("kk", "signup.kind.individual"));
    await u.waitForBot(shown("kk", "signup.full_name.ask"));
    await u.send("Серікқызы Айгерім");
    await u.waitForBot(shown("kk", "signup.iin.ask"));
    await u.send("870615400228");
    await u.waitForBot(shown("kk", "signup.phone.ask"));
    expect(JSON.stringify(await u.replyKeyboard())).toContain(shown("kk", "signup.phone.button"));
    await u.pressReply(shown("kk", "signup.phone.button"));
    await u.waitForBot(shown("kk", "menu.title"));

    const messages = await u.messages();
    expect(messages.some((m) => m.from === "bot" && m.text === shown("kk", "signup.done", { name: "Серікқызы Айгерім" }))).toBe(true);
    // Finished questions have lost their buttons; only the menu has any.
    const withButtons = messages.filter((m) => m.from === "bot" && (m.inline_keyboard?.length ?? 0) > 0);
    expect(withButtons.map((m) => m.text)).toEqual([shown("kk", "menu.title")]);
    expect(await u.replyKeyboard()).toBeFalsy();
    expect(await profileOf(910001)).toMatchObject({ kind: "individual", fullName: "Серікқызы Айгерім", iin: "870615400228", phone: "+77011234567" });
  });

  it("signs up a legal entity's representative in Russian", async () => {
    const u = h.user(910002);
    await u.send("/start");
    const first = await u.waitForBot(shown("ru", "language.choose"));
    expect(first.inline_keyboard?.flat().map((b) => b.text)).toContain("✅ Русский");
    await u.press("✅ Русский");
    await u.press(shown("ru", "consent.accept"));
    await u.waitForBot(shown("ru", "signup.kind.ask"));
    await u.press(shown("ru", "signup.kind.legal"));
    await u.waitForBot(shown("ru", "signup.full_name.ask_legal"));
    await u.send("Петров Иван Сергеевич");
    await u.waitForBot(shown("ru", "signup.bin.ask"));
    await u.send("040840300024");
    await u.waitForBot(shown("ru", "signup.organization.ask"));
    await u.send("ТОО <Дала & Co>");
    await u.waitForBot(shown("ru", "signup.phone.ask"));
    await u.pressReply(shown("ru", "signup.phone.button"));
    await u.waitForBot(shown("ru", "menu.title"));
    expect(await profileOf(910002)).toMatchObject({ kind: "legal", bin: "040840300024", organization: "ТОО <Дала & Co>" });

    await u.send("/profile");
    const card = await u.waitForBot(shown("ru", "profile.organization", { value: "ТОО <Дала & Co>" }));
    expect(card.text).toContain(shown("ru", "profile.bin", { value: "040840300024" }));
  });

  it("resumes at the same step after the bot restarts in the middle of sign-up", async () => {
    const u = h.user(910003);
    await u.send("/start");
    await u.press("✅ Русский");
    await u.press(shown("ru", "consent.accept"));
    await u.press(shown("ru", "signup.kind.individual"));
    await u.waitForBot(shown("ru", "signup.full_name.ask"));
    await h.restart();
    await u.send("Ким Анна");
    await u.waitForBot(shown("ru", "signup.iin.ask"));
    await h.restart();
    await u.send("951231400062");
    await u.waitForBot(shown("ru", "signup.phone.ask"));
  });

  it("refuses a wrong IIN and someone else's contact with a translated reason, changing nothing", async () => {
    const u = h.user(910004);
    await u.send("/start");
    await u.press("✅ Қазақша");
    await u.press(shown("kk", "consent.accept"));
    await u.press(shown("kk", "signup.kind.individual"));
    await u.send("Әбенов Нұрлан");
    await u.waitForBot(shown("kk", "signup.iin.ask"));
    await u.send("870615400227");
    await u.waitForBot(shown("kk", "errors.iin_checksum"));
    await u.send("87061540022Х");
    await u.waitForBot(shown("kk", "errors.iin_digits"));
    await u.send("000101500120");
    await u.waitForBot(shown("kk", "signup.phone.ask"));
    await u.sendContact({ phone_number: "+77017654321", user_id: 123456 });
    await u.waitForBot(shown("kk", "errors.contact_not_own"));
    await u.send("+77011234567");
    await u.waitForBot(shown("kk", "errors.expects_contact"));
    expect(await profileOf(910004)).toBeNull();
    await u.sendContact();
    await u.waitForBot(shown("kk", "menu.title"));
    expect(await profileOf(910004)).toMatchObject({ iin: "000101500120" });
  });

  it("answers /start twice with the same question, and with the menu once signed up", async () => {
    const u = h.user(910005);
    await u.send("/start");
    await u.waitForBot(shown("en", "language.choose"));
    await u.press("✅ English");
    await u.waitForBot(shown("en", "consent.title"));
    const before = await u.lastBot();
    await u.send("/start");
    // The question is asked again below, and only the new copy has buttons.
    const hasButtons = (m: ChatMessage) => m.from === "bot" && (m.inline_keyboard?.length ?? 0) > 0;
    const view = await u.waitFor((v) => v.messages.some((m) => hasButtons(m) && m.message_id > before.message_id));
    const live = view.messages.filter((m) => !m.deleted && hasButtons(m));
    expect(live).toHaveLength(1);
    expect(live[0]!.text).toContain(shown("en", "consent.title"));
    await h.user(910001).send("/start");
    await h.user(910001).waitForBot(shown("kk", "menu.title"));
  });

  it("ignores a forged, stale or repeated button press with a notice", async () => {
    const u = h.user(910006);
    const dataOf = (m: ChatMessage, label: string) => m.inline_keyboard!.flat().find((b) => b.text === label)!.callback_data!;
    await u.send("/start");
    const languages = await u.waitForBot(shown("ru", "language.choose"));
    await u.press("✅ Русский");
    const consent = await u.waitForBot(shown("ru", "consent.title"));
    const [yes, no] = [dataOf(consent, shown("ru", "consent.accept")), dataOf(consent, shown("ru", "consent.decline"))];
    await u.pressData(consent.message_id, yes);
    await u.waitForBot(shown("ru", "signup.kind.ask"));
    const stale = shown("ru", "errors.stale_button");
    // The same press again as a double tap sends it, a made-up button, and a real one for another step.
    for (const data of [yes, "xx9:drop:tables", dataOf(languages, "Қазақша"), no]) {
      await u.pressData(consent.message_id, data);
      await u.waitFor((view) => view.toasts.some((t) => t.text === stale));
    }
    await u.pressData(consent.message_id, "mn2:open:profile");
    await u.waitFor((view) => view.toasts.some((t) => t.text === shown("ru", "errors.profile_missing")));
    const ctx = h.app().core;
    const me = await identify(ctx, { telegramId: 910006 });
    expect(me.language).toBe("ru");
    const rows = (await ctx.db.select().from(consents)).filter((c) => c.userId === me.userId);
    expect(rows).toHaveLength(1);
  });

  it("gives a hint for stickers, voice, locations, stray text and unknown commands", async () => {
    const u = h.user(910007);
    await u.send("/start");
    await u.waitForBot(shown("kk", "language.choose"));
    await u.send("сәлем");
    await u.waitForBot(shown("kk", "errors.use_buttons"));
    await u.press("✅ Қазақша");
    await u.press(shown("kk", "consent.accept"));
    await u.press(shown("kk", "signup.kind.individual"));
    await u.waitForBot(shown("kk", "signup.full_name.ask"));
    await u.sendSticker();
    await u.waitForBot(shown("kk", "hint.sticker"));
    await u.sendVoice();
    await u.waitForBot(shown("kk", "hint.voice"));
    await u.sendLocation();
    await u.waitForBot(shown("kk", "hint.location"));
    await u.send("/frobnicate");
    await u.waitForBot(shown("kk", "hint.unknown_command"));
    // The question is still the one waiting for an answer.
    await u.send("Жұмабек Ерлан");
    await u.waitForBot(shown("kk", "signup.iin.ask"));
  });
});
