import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updates } from "../../db/schema/index.js";
import { scheduledJobs } from "../../bot/scheduled-jobs.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { signUp } from "../support/journeys.js";
import type { SandboxUser } from "../support/sandbox-user.js";
import { shown } from "../support/texts.js";

/**
 * The update inbox in long-polling mode: an update the bot was in the middle of when it stopped
 * is handled by the next start, once; a reply Telegram refused is sent on the next try; handled
 * updates are deleted after the retention.
 */
let h: Harness;
beforeAll(async () => {
  // A short lease: a stop waits this long for the update in hand, and the next start takes it over after it.
  h = await startHarness([citizen(952001, "ru"), citizen(952002, "kk"), citizen(952003, "ru"), citizen(952004, "ru")], { env: { UPDATES_LEASE_SECONDS: "2" } });
});
afterAll(() => h.dispose());

const pdf = (page: number) => new TextEncoder().encode(`%PDF-1.4\n% page ${page}\n%%EOF\n`);
const fileAdded = (name: string, count: number) => shown("ru", "appeal.intake.file_added", { name, count, max: 10 });

async function toFilesStep(u: SandboxUser, iin: string): Promise<void> {
  await signUp(u, "ru", "Сейітов Нұрлан", iin);
  await u.send("/start");
  await u.press(shown("ru", "menu.submit_appeal"));
  await u.press(shown("ru", "appeal.type.request"));
  await u.send("Прошу выдать копию протокола судебного заседания.");
  await u.waitForBot(shown("ru", "appeal.intake.ask_files", { max_mb: 20, max: 10, count: 0 }));
}

describe(`the update inbox in long polling on ${dbKind}`, () => {
  it("handles a file the bot was taking in when it stopped after the restart, once, as the person sent it", async () => {
    const u = h.user(952001);
    await toFilesStep(u, "870615400228");
    // Telegram stops answering the bot's request for the file: the bot is stuck mid-update.
    let stuck!: () => void;
    const inside = new Promise<void>((resolve) => (stuck = resolve));
    h.sandbox.faults.inject({ method: "getFile", fault: { kind: "hang", ms: 60_000 }, times: 1, onHit: stuck });
    await u.sendDocument({ name: "протокол.pdf", mime: "application/pdf", bytes: pdf(1) });
    await inside;

    // The stop gives up on it after the lease; the new start takes it over and finishes it.
    await h.restart();
    await u.waitForBot(fileAdded("протокол.pdf", 1), 15_000);
    await u.sendDocument({ name: "решение.pdf", mime: "application/pdf", bytes: pdf(2) });
    await u.waitForBot(fileAdded("решение.pdf", 2));
    const added = (await u.messages()).filter((m) => m.from === "bot" && m.text.includes("протокол.pdf"));
    expect(added).toHaveLength(1);
  });

  it("sends a reply Telegram refused once on the update's next try, instead of an apology", async () => {
    const u = h.user(952002);
    h.sandbox.faults.inject({ method: "sendMessage", chatId: 952002, fault: { kind: "server_error" }, times: 1 });
    await u.send("/start");
    await u.waitForBot(shown("kk", "language.choose"), 10_000);
    const texts = (await u.messages()).filter((m) => m.from === "bot").map((m) => m.text);
    expect(texts.filter((t) => t.includes(shown("kk", "language.choose")))).toHaveLength(1);
    expect(texts.some((t) => t.includes(shown("kk", "errors.internal")))).toBe(false);
  });

  it("deletes handled updates once they are older than the retention, and keeps the newer ones", async () => {
    const stored = async () => (await h.app().core.db.select({ id: updates.updateId, state: updates.state }).from(updates)).length;
    const u = h.user(952003);
    await u.send("/start");
    await u.waitForBot(shown("ru", "language.choose"));
    const old = await stored();
    expect(old).toBeGreaterThan(0);

    h.clock.advance(5 * 86_400_000);
    const later = h.user(952004);
    await later.send("/start");
    await later.waitForBot(shown("ru", "language.choose"));
    await expect.poll(stored).toBe(old + 1);

    // Seven days and a minute after the first ones, two after the last.
    h.clock.advance(2 * 86_400_000 + 60_000);
    const prune = scheduledJobs(h.config).find((job) => job.name === "updates.prune")!;
    await expect.poll(() => prune.run(h.app().core).then(stored)).toBe(1);
    // The person whose update is kept goes on as before.
    await later.press("✅ Русский");
    await later.waitForBot(shown("ru", "consent.title"));
  });
});
