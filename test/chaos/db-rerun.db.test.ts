import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setLanguage } from "../../core/people/users.js";
import { appeals, updates, users } from "../../db/schema/index.js";
import { staffIn, unitId } from "../control/fixtures.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import type { ChatView, SandboxUser } from "../support/sandbox-user.js";
import { recordUpToExecutors } from "../support/journeys.js";
import { shown } from "../support/texts.js";

/**
 * The inbox hands an update on at least once: a worker that dies after the update's effect but
 * before marking it done leaves it to be handled again. Answers that add to a draft (a text, a
 * text part, a toggled executor) must count once all the same.
 */
const CITIZEN = 981001;
const REGISTRAR = 981002;
const EXECUTOR = 981003;

let h: Harness;
beforeAll(async () => {
  h = await startHarness([citizen(CITIZEN, "ru"), citizen(REGISTRAR, "ru"), citizen(EXECUTOR, "ru")]);
  const core = h.app().core;
  await signedUpCitizen(core, CITIZEN);
  await setLanguage(core, core.db, await staffMember(core, REGISTRAR, "registrar"), "ru");
  await staffIn(core, EXECUTOR, "executor", "Сейітов Нұрлан", await unitId(core, "judicial_administration"));
});
afterAll(() => h.dispose());

/** The person's latest update, once handled, is handled again, as after a crash before it was marked done. */
async function handleAgain(u: SandboxUser): Promise<void> {
  const db = h.app().core.db;
  const latest = async () => (await db.select().from(updates).where(eq(updates.chatId, u.userId)).orderBy(desc(updates.updateId)).limit(1))[0]!;
  // Taken in by the bot (none left with the emulator) and handled, so the latest row is the person's last word.
  await expect.poll(async () => h.sandbox.state.pendingUpdates().length === 0 && (await latest()).state === "done").toBe(true);
  const { updateId, attempts } = await latest();
  await db.update(updates).set({ state: "pending", claimedBy: null, leaseUntil: null }).where(eq(updates.updateId, updateId));
  await expect.poll(async () => {
    const row = await latest();
    return row.state === "done" && row.attempts === attempts + 1;
  }, { timeout: 10_000 }).toBe(true);
}

const TEXT = "Прошу выдать копию протокола судебного заседания по делу 2-115/2026.";
const MORE = "Продолжение текста: копия нужна для апелляции.";

/** From the menu to an appeal's text sent, as a citizen starts one. */
async function writeAppealText(u: SandboxUser): Promise<void> {
  await u.send("/start");
  await u.press(shown("ru", "menu.submit_appeal"));
  await u.press(shown("ru", "appeal.type.request"));
  await u.waitForBot(shown("ru", "appeal.intake.ask_text", { max: "10 000" }).slice(0, 20));
  await u.send(TEXT);
}

describe(`an update handled a second time, on ${dbKind}`, () => {
  it("takes an appeal's text, and a part that continues it, once each", async () => {
    const u = h.user(CITIZEN);
    await writeAppealText(u);
    await u.waitForBot(shown("ru", "appeal.intake.ask_files", { max_mb: 20, max: 10, count: 0 }));
    await handleAgain(u);
    await u.send(MORE);
    await handleAgain(u);
    await u.press(shown("ru", "appeal.intake.files_skip"));
    await u.press(shown("ru", "appeal.language.ru"));
    await u.press(shown("ru", "appeal.intake.channel_chat"));
    const summary = await u.waitForBot(shown("ru", "appeal.intake.confirm").slice(2));
    expect(summary.text.split(TEXT)).toHaveLength(2);
    expect(summary.text.split(MORE)).toHaveLength(2);
    await u.press(shown("ru", "appeal.intake.confirm"));
    await u.waitForBot(/ЖТ-2026-\d{6}/);
    const [appeal] = await h.app().core.db.select().from(appeals).where(eq(appeals.citizenUserId, await citizenId()));
    expect(appeal!.text).toBe(`${TEXT}\n${MORE}`);
  });

  it("shows the flow's next question, not 'out of date', when a press that moved it on is handled again", async () => {
    const u = h.user(CITIZEN);
    await writeAppealText(u);
    await u.press(shown("ru", "appeal.intake.files_skip"));
    const language = shown("ru", "appeal.language.ru");
    const asking = (view: ChatView) => view.messages.findLast((m) => m.from === "bot" && !m.deleted && m.inline_keyboard?.flat().some((b) => b.text === language))?.message_id;
    const first = asking(await u.waitFor((view) => asking(view) !== undefined));
    // As after a crash between the step's commit and its question reaching the chat: asked again, below.
    await handleAgain(u);
    await u.waitFor((view) => (asking(view) ?? 0) > first!);
    expect(await u.toasts()).not.toContain(shown("ru", "errors.stale_button"));
    await u.send("/cancel");
    await u.waitForBot(shown("ru", "appeal.intake.cancelled"));
  });

  it("adds a supplement's text part once", async () => {
    const u = h.user(CITIZEN);
    const [appeal] = await h.app().core.db.select().from(appeals).where(eq(appeals.citizenUserId, await citizenId()));
    await u.send("/start");
    await u.press(shown("ru", "menu.my_appeals"));
    await u.press(appeal!.number);
    await u.press(shown("ru", "appeal.supplement.button"));
    await u.send(MORE);
    await u.waitForBot(shown("ru", "appeal.supplement.text_added"));
    await handleAgain(u);
    const asked = (chars: number) => shown("ru", "appeal.supplement.ask", { number: appeal!.number, max_files: 10, max_chars: "10 000", chars, files: 0 }).split("\n\n").at(-1)!;
    expect((await u.lastBot()).text).toContain(asked(MORE.length));
  });

  it("keeps an executor chosen when the press that chose them is handled again", async () => {
    const reg = h.user(REGISTRAR);
    await recordUpToExecutors(reg, { source: "head_of_state", number: "21-01.1234", date: "13.02.2026", text: "Подготовить предложения по графику приёма граждан." });
    await reg.press("Сейітов Нұрлан · Судебная администрация");
    await reg.waitForBot(shown("ru", "control.record.ask_executors", { count: 1 }));
    await handleAgain(reg);
    // The list as it stands now; a notice of a new appeal may come in below it meanwhile.
    const chosen = shown("ru", "control.record.ask_executors", { count: 1 });
    const lists = (await reg.messages()).filter((m) => m.from === "bot" && m.text.startsWith(chosen.slice(0, 20)));
    expect(lists.at(-1)!.text).toContain(chosen);
  });
});

async function citizenId(): Promise<number> {
  const [row] = await h.app().core.db.select({ id: users.id }).from(users).where(eq(users.telegramId, CITIZEN));
  return row!.id;
}
