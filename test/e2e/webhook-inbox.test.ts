import { afterEach, describe, expect, it } from "vitest";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, WEBHOOK_SECRET, type Harness } from "../support/harness.js";
import { signUp } from "../support/journeys.js";
import type { SandboxUser } from "../support/sandbox-user.js";
import { shown } from "../support/texts.js";
import { relayWebhook, type WebhookRelay } from "../support/webhook-relay.js";

/**
 * The update inbox in webhook mode, with Telegram's side played by a relay: an update Telegram
 * sends again is handled once, and one chat's updates spread over two instances are handled in
 * the order they were sent.
 */
let h: Harness | undefined;
let relay: WebhookRelay | undefined;
// Each test starts its own bot: webhook mode, and for the second a second instance.
afterEach(async () => {
  await relay?.stop();
  await h?.dispose();
  [h, relay] = [undefined, undefined];
});

const askFiles = (count: number) => shown("ru", "appeal.intake.ask_files", { max_mb: 20, max: 10, count });
const botTexts = async (u: SandboxUser) => (await u.messages()).filter((m) => m.from === "bot").map((m) => m.text);

async function toTextStep(u: SandboxUser, iin: string): Promise<void> {
  await signUp(u, "ru", "Ахметова Динара", iin);
  await u.send("/start");
  await u.press(shown("ru", "menu.submit_appeal"));
  await u.press(shown("ru", "appeal.type.request"));
  await u.waitForBot(shown("ru", "appeal.intake.ask_text", { max: "10 000" }).slice(0, 20));
}

/** From the files step to the summary, which shows the appeal's text as the bot took it. */
async function summary(u: SandboxUser): Promise<string> {
  await u.press(shown("ru", "appeal.intake.files_skip"));
  await u.press(shown("ru", "appeal.language.ru"));
  await u.press(shown("ru", "appeal.intake.channel_chat"));
  return (await u.waitForBot(shown("ru", "appeal.intake.confirm").slice(2))).text;
}

describe(`the update inbox in webhook mode on ${dbKind}`, () => {
  it("handles an update Telegram sends again once: the appeal's text is not doubled", async () => {
    const harness = (h = await startHarness([citizen(953001, "ru")], { webhook: true }));
    const r = (relay = relayWebhook(harness.sandbox, () => [harness.app().url], WEBHOOK_SECRET));
    const u = harness.user(953001);
    await toTextStep(u, "870615400228");
    const text = "Прошу сообщить дату рассмотрения моего дела.";
    await u.send(text);
    await u.waitForBot(askFiles(0));
    // Our answer to Telegram was lost: it sends the same update again, and is answered 200 again.
    expect(await r.resendLast()).toBe(200);

    const shownText = await summary(u);
    expect(shownText.split(text)).toHaveLength(2);
  });

  it.skipIf(dbKind !== "PostgreSQL")("handles one chat's updates in the order sent while two instances receive them by turns", async () => {
    const harness = (h = await startHarness([citizen(953002, "ru")], { webhook: true }));
    const second = await harness.startInstance();
    relay = relayWebhook(harness.sandbox, () => [harness.app().url, second.url], WEBHOOK_SECRET);
    const u = harness.user(953002);
    await toTextStep(u, "951231400062");
    // A long text Telegram split into parts, sent at once: each part lands on the other instance.
    const parts = ["Первая часть обращения.", "Вторая часть.", "Третья часть.", "Четвёртая часть.", "Пятая часть.", "Шестая часть."];
    for (const part of parts) await u.send(part);
    await u.waitFor((view) => view.messages.filter((m) => m.from === "bot" && m.text.includes(askFiles(0))).length === parts.length, 15_000);
    // Then four files at once, as an album.
    const names = ["1.pdf", "2.pdf", "3.pdf", "4.pdf"];
    for (const name of names) await u.sendDocument({ name, mime: "application/pdf", bytes: new TextEncoder().encode(`%PDF-1.4 ${name}`) });
    await u.waitForBot(shown("ru", "appeal.intake.file_added", { name: "4.pdf", count: 4, max: 10 }), 15_000);

    const added = (await botTexts(u)).filter((t) => /«\d\.pdf»/.test(t));
    expect(added).toEqual(names.map((name, i) => shown("ru", "appeal.intake.file_added", { name, count: i + 1, max: 10 })));
    await u.press(shown("ru", "appeal.intake.files_done"));
    await u.press(shown("ru", "appeal.language.ru"));
    await u.press(shown("ru", "appeal.intake.channel_chat"));
    const shownText = (await u.waitForBot(shown("ru", "appeal.intake.confirm").slice(2))).text;
    expect(shownText).toContain(parts.join("\n"));
    expect(shownText).toMatch(/Файлы: 4/);
  });
});
