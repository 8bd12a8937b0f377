import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSENT_VERSION } from "../../core/citizens/consent.js";
import { identify } from "../../core/people/users.js";
import { beginBooking } from "../../core/reception/booking-flow.js";
import { appeals, consents } from "../../db/schema/index.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { signUp } from "../support/journeys.js";
import { refusal } from "../support/refusal.js";
import { shown } from "../support/texts.js";

const OLD_VERSION = "2026-11-26";
let h: Harness;
beforeAll(async () => {
  h = await startHarness([citizen(930001, "kk"), citizen(930002, "ru"), citizen(930003, "ru"), citizen(930004, "en")]);
});
afterAll(() => h.dispose());

async function consentRows(telegramId: number) {
  const core = h.app().core;
  const { userId } = await identify(core, { telegramId });
  return core.db.select().from(consents).where(eq(consents.userId, userId)).orderBy(desc(consents.id));
}

/** As if this person had agreed before the text changed. */
async function agreedToOldText(telegramId: number): Promise<void> {
  const [latest] = await consentRows(telegramId);
  await h.app().core.db.update(consents).set({ version: OLD_VERSION }).where(eq(consents.id, latest!.id));
}

async function appealCount(telegramId: number): Promise<number> {
  const core = h.app().core;
  const { userId } = await identify(core, { telegramId });
  return (await core.db.select({ id: appeals.id }).from(appeals).where(and(eq(appeals.citizenUserId, userId)))).length;
}

describe(`consent in the bot on ${dbKind}`, () => {
  it("asks a citizen who agreed to an older text again, before anything else, and records the new agreement", async () => {
    const u = h.user(930001);
    await signUp(u, "kk", "Серікова Айгерім Серікқызы", "870615400228");
    await agreedToOldText(930001);

    await u.press(shown("kk", "menu.submit_appeal"));
    const asked = await u.waitForBot(shown("kk", "consent.updated"));
    expect(asked.text).toContain(shown("kk", "consent.title"));
    expect(asked.text).toContain("Telegram");
    // The press did not start the intake.
    expect((await u.messages()).some((m) => m.text.includes(shown("kk", "appeal.intake.ask_type").slice(0, 12)))).toBe(false);

    await u.press(shown("kk", "consent.accept"), { messageId: asked.message_id });
    await u.waitForBot(shown("kk", "consent.renewed"));
    const [latest, old] = await consentRows(930001);
    expect(latest).toMatchObject({ version: CONSENT_VERSION, language: "kk", withdrawnAt: null });
    expect(latest!.text).toContain("Telegram");
    expect(old).toMatchObject({ version: OLD_VERSION });
    // Asked once: the next press goes where it was meant to.
    await u.press(shown("kk", "menu.submit_appeal"));
    await u.waitForBot(shown("kk", "appeal.intake.ask_type").replace(/\s+/g, " ").slice(0, 12));
  });

  it("treats declining the new text as withdrawal: recorded, and no new appeal is taken", async () => {
    const u = h.user(930002);
    await signUp(u, "ru", "Петров Иван Сергеевич", "870615400228");
    await agreedToOldText(930002);
    await u.send("/profile");
    const asked = await u.waitForBot(shown("ru", "consent.updated"));
    await u.press(shown("ru", "consent.decline"), { messageId: asked.message_id });
    const told = await u.waitForBot(shown("ru", "consent.withdrawn_on_decline"));
    expect(told.text).toContain("eOtinish");
    const [latest] = await consentRows(930002);
    expect(latest).toMatchObject({ version: OLD_VERSION, withdrawnAt: h.clock.now() });

    // Withdrawn is not outdated: not asked again, but refused a new appeal with the other ways to file.
    await u.send("/start");
    await u.press(shown("ru", "menu.submit_appeal"));
    await u.waitForBot(shown("ru", "errors.consent_withdrawn"));
    expect(await appealCount(930002)).toBe(0);
  });

  it("withdraws from /profile with a confirmation, stops new appeals and bookings, and /consent gives it again", async () => {
    const u = h.user(930003);
    await signUp(u, "ru", "Ильина Анна Петровна", "870615400228");
    await u.send("/profile");
    await u.press(shown("ru", "consent.withdraw.button"));
    await u.waitForBot(shown("ru", "consent.withdraw.ask"));
    // "Keep" changes nothing.
    await u.press(shown("ru", "consent.withdraw.keep"));
    await expect.poll(() => u.toasts()).toContain(shown("ru", "consent.withdraw.kept"));
    expect((await consentRows(930003))[0]!.withdrawnAt).toBeNull();

    await u.send("/profile");
    await u.press(shown("ru", "consent.withdraw.button"));
    const ask = await u.waitForBot(shown("ru", "consent.withdraw.ask"));
    await u.press(shown("ru", "consent.withdraw.confirm"), { messageId: ask.message_id });
    await u.waitForBot(shown("ru", "consent.withdraw.done", { time: "02.03.2026 09:00" }));
    const [withdrawn] = await consentRows(930003);
    expect(withdrawn).toMatchObject({ version: CONSENT_VERSION, withdrawnAt: h.clock.now() });

    await u.send("/start");
    await u.press(shown("ru", "menu.submit_appeal"));
    await u.waitForBot(shown("ru", "errors.consent_withdrawn"));
    expect(await appealCount(930003)).toBe(0);
    const core = h.app().core;
    expect(await refusal(beginBooking(core, await identify(core, { telegramId: 930003 })))).toBe("consent_withdrawn");

    await u.send("/consent");
    await u.press(shown("ru", "consent.accept"));
    await u.waitForBot(shown("ru", "consent.renewed"));
    expect((await consentRows(930003)).map((r) => r.withdrawnAt === null)).toEqual([true, false]);
    await u.press(shown("ru", "menu.submit_appeal"));
    await u.waitForBot(shown("ru", "appeal.intake.ask_type").replace(/\s+/g, " ").slice(0, 12));
  });

  it("shows the other ways to file when consent is declined at sign-up", async () => {
    const u = h.user(930004);
    await u.send("/start");
    await u.press("✅ English");
    await u.press(shown("en", "consent.decline"));
    const told = await u.waitForBot(shown("en", "consent.declined"));
    expect(told.text).toContain("eOtinish");
    expect(await consentRows(930004)).toEqual([]);
  });
});
