import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getProfile } from "../../core/citizens/profile.js";
import { identify } from "../../core/people/users.js";
import { REGISTRAR_COMMANDS } from "../../bot/commands.js";
import { staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { signUp } from "../support/journeys.js";
import { shown } from "../support/texts.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness([citizen(920001, "ru"), citizen(920002, "kk"), citizen(920003, "en"), citizen(920004, "kk"), citizen(920005, "kk")]);
});
afterAll(() => h.dispose());

describe(`profile, language and commands through the Bot API on ${dbKind}`, () => {
  it("sets the command menu per language, Kazakh by default", async () => {
    await h.user(920001).send("/help");
    await h.user(920001).waitForBot(shown("ru", "help.text").slice(0, 20));
    const ru = await h.user(920001).commands();
    const kk = await h.user(920002).commands();
    expect(ru.map((c) => c.command)).toEqual(["start", "profile", "language", "help", "cancel"]);
    expect(ru.find((c) => c.command === "language")?.description).toBe(shown("ru", "commands.language"));
    expect(kk.find((c) => c.command === "language")?.description).toBe(shown("kk", "commands.language"));
  });

  it("changes the language with /language mid-sign-up and asks the current question again in it", async () => {
    const u = h.user(920002);
    await u.send("/start");
    await u.press("✅ Қазақша");
    await u.press(shown("kk", "consent.accept"));
    await u.waitForBot(shown("kk", "signup.kind.ask"));
    await u.send("/language");
    await u.press("Русский");
    await u.waitForBot(shown("ru", "signup.kind.ask"));
    expect(await u.toasts()).toContain(shown("ru", "language.changed"));
    const me = await identify(h.app().core, { telegramId: 920002 });
    expect(me.language).toBe("ru");
    // The "/" menu follows the chosen language, not the app's Kazakh.
    const commands = await u.commands();
    expect(commands.map((c) => c.command)).toEqual(["start", "profile", "language", "help", "cancel"]);
    expect(commands.map((c) => c.description)).toEqual(commands.map((c) => shown("ru", `commands.${c.command}`)));
  });

  it("gives staff their own commands in the language they change to with /language", async () => {
    await staffMember(h.app().core, 920005, "registrar");
    const u = h.user(920005);
    await u.send("/language");
    await u.press("Русский");
    await u.waitFor((v) => v.toasts.some((t) => t.text === shown("ru", "language.changed")));
    const commands = await u.commands();
    expect(commands.map((c) => c.command)).toEqual([...REGISTRAR_COMMANDS]);
    expect(commands.map((c) => c.description)).toEqual(commands.map((c) => shown("ru", `commands.${c.command}`)));
    await u.send("/language");
    await u.press("Қазақша");
    await u.waitFor((v) => v.toasts.some((t) => t.text === shown("kk", "language.changed")));
    expect((await u.commands()).find((c) => c.command === "queue")?.description).toBe(shown("kk", "commands.queue"));
  });

  it("shows the profile with /profile and corrects the IIN with the same checks as sign-up", async () => {
    const u = h.user(920001);
    await signUp(u, "ru", "Ким Анна", "951231400062");
    await u.send("/profile");
    await u.waitForBot(shown("ru", "profile.iin", { value: "951231400062" }));
    await u.press(shown("ru", "profile.edit.iin"));
    await u.waitForBot(shown("ru", "signup.iin.ask"));
    await u.send("12345");
    await u.waitForBot(shown("ru", "errors.iin_length", { length: 5 }));
    await u.send("000101500120");
    await u.waitForBot(shown("ru", "profile.iin", { value: "000101500120" }));
    const ctx = h.app().core;
    expect(await getProfile(ctx, await identify(ctx, { telegramId: 920001 }))).toMatchObject({ iin: "000101500120", fullName: "Ким Анна" });
  });

  it("opens the profile, language, help and personal reception from the main menu in place", async () => {
    const u = h.user(920001);
    await u.send("/start");
    const menu = await u.waitForBot(shown("ru", "menu.title"));
    await u.press(shown("ru", "menu.profile"), { messageId: menu.message_id });
    const profile = await u.waitForBot(shown("ru", "profile.full_name", { value: "Ким Анна" }));
    expect(profile.message_id).toBe(menu.message_id);
    await u.press(shown("ru", "common.menu"));
    await u.waitForBot(shown("ru", "menu.title"));
    await u.press(shown("ru", "menu.reception"));
    const reception = await u.waitForBot(shown("ru", "reception.my.title"));
    expect(reception.message_id).toBe(menu.message_id);
  });

  it("stops sign-up with /cancel, keeping nothing, and says so when there is nothing to stop", async () => {
    const u = h.user(920003);
    await u.send("/cancel");
    await u.waitForBot(shown("en", "common.nothing_to_cancel"));
    await u.send("/start");
    await u.press("✅ English");
    await u.press(shown("en", "consent.accept"));
    await u.press(shown("en", "signup.kind.legal"));
    await u.waitForBot(shown("en", "signup.full_name.ask_legal"));
    await u.send("/cancel");
    await u.waitForBot(shown("en", "signup.cancelled"));
    await u.send("hello");
    await u.waitForBot(shown("en", "errors.signup_not_started"));
    await u.send("/start");
    await u.waitForBot(shown("en", "language.choose"));
  });

  it("answers a flood with one polite notice, not one per message", async () => {
    const u = h.user(920004);
    for (let i = 0; i < 70; i++) await u.send("/help");
    const notice = shown("kk", "hint.flood");
    const isHelp = (m: { from: string; text: string }) => m.from === "bot" && m.text.startsWith(shown("kk", "help.text").slice(0, 25));
    const view = await u.waitFor((v) => v.messages.some((m) => m.text === notice) && v.messages.filter(isHelp).length >= 60);
    expect(view.messages.filter((m) => m.from === "bot" && m.text === notice)).toHaveLength(1);
    expect(view.messages.filter(isHelp)).toHaveLength(60);
  });

  it("reports health and readiness over HTTP", async () => {
    const base = h.app().url;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, database: true, bot: true });
  });
});
