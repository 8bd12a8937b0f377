import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pendingDraft, approveDraft, submitDraft } from "../../core/appeals/answer.js";
import { eventsOf } from "../../core/appeals/events.js";
import { registerAppeal } from "../../core/appeals/register.js";
import type { Actor } from "../../core/shared/roles.js";
import { appeals, controlExecutors, outbox, users } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import type { ChatMessage, SandboxUser } from "../support/sandbox-user.js";
import { shown } from "../support/texts.js";

const CITIZEN = 964001;
const REGISTRARS = [964101, 964102, 964103];
const REVIEWER = 964201;
const HEAD = 964301;

let h: Harness;
let owner: Actor;
let reviewer: Actor;
let head: Actor;
beforeAll(async () => {
  h = await startHarness([citizen(CITIZEN, "kk"), ...REGISTRARS.map((id) => citizen(id, "ru")), citizen(REVIEWER, "kk"), citizen(HEAD, "ru")], { floodLimit: 0 });
  const core = h.app().core;
  owner = await signedUpCitizen(core, CITIZEN);
  for (const [i, id] of REGISTRARS.entries()) {
    const registrar = await staffMember(core, id, "registrar");
    await core.db.update(users).set({ fullName: `Тіркеуші ${i + 1}`, language: "ru" }).where(eq(users.id, registrar.userId));
  }
  reviewer = await staffMember(core, REVIEWER, "reviewer");
  head = await staffMember(core, HEAD, "head");
  await core.db.update(users).set({ language: "ru" }).where(eq(users.id, head.userId));
  await core.db.update(users).set({ fullName: "Ерлан Жұмабеков" }).where(eq(users.id, reviewer.userId));
});
afterAll(() => h.dispose());

const register = (text: string) => registerAppeal(h.app().core, owner, { draftId: randomUUID(), type: "complaint", text, language: "kk", replyChannel: "chat" });
const botMessages = async (u: SandboxUser): Promise<ChatMessage[]> => (await u.messages()).filter((m) => m.from === "bot");
const newAppealNotices = async (u: SandboxUser) => (await botMessages(u)).filter((m) => m.text.startsWith("📥"));

describe(`work comes to people, on ${dbKind}`, () => {
  it("a new appeal reaches every registrar once; the first to take it holds it, the others read who took it; the reviewer and the citizen hear; 👎 puts the answer before the Head, who decides", async () => {
    const { appealId, number } = await register("Сот шешімі үш айдан бері орындалмай жатыр.");
    const [first, second, third] = REGISTRARS.map((id) => h.user(id));

    // Every registrar gets one message with the summary and Take.
    for (const registrar of [first!, second!, third!]) {
      const notice = await registrar.waitForBot(number);
      expect(notice.text).toContain("Сот шешімі үш айдан бері орындалмай жатыр.");
      expect(notice.inline_keyboard?.flat().map((b) => b.text)).toEqual([shown("ru", "staff.notice.take")]);
    }

    // The second registrar takes it and goes straight on to its category.
    await second!.press(shown("ru", "staff.notice.take"));
    await second!.waitForBot(shown("ru", "staff.registry.choose_category"));
    const taken = shown("ru", "staff.notice.appeal_taken", { number, name: "Тіркеуші 2" });
    for (const other of [first!, third!]) {
      await other.waitFor((v) => v.messages.some((m) => m.text === taken && (m.inline_keyboard ?? []).length === 0));
      expect((await botMessages(other)).filter((m) => m.text.includes(number))).toHaveLength(1);
    }
    // A late press on an old Take is told who has it, and changes nothing.
    const stale = (await botMessages(first!)).find((m) => m.text === taken)!;
    await first!.pressData(stale.message_id, `wn1:take:${appealId}`);
    await first!.waitFor((v) => v.toasts.some((t) => t.text === shown("ru", "errors.appeal_taken", { name: "Тіркеуші 2" })));
    const [held] = await h.app().core.db.select({ holder: appeals.holderUserId }).from(appeals).where(eq(appeals.id, appealId));
    expect(held?.holder).not.toBeNull();

    // The registrar assigns it; the reviewer is told with the card's button, the citizen with the sector.
    await second!.press(shown("ru", "appeal.category.court_proceedings"));
    await second!.press(shown("ru", "staff.registry.assign"));
    await second!.press("Ерлан Жұмабеков (0)");
    const reviewerChat = h.user(REVIEWER);
    await reviewerChat.waitForBot(number);
    await reviewerChat.press(shown("kk", "staff.notice.open_card"));
    await reviewerChat.waitForBot("Сот шешімі үш айдан бері");
    await h.user(CITIZEN).waitForBot(shown("kk", "appeal.notice.in_review", { number, sector: "Өтініштерді қарау секторы" }));

    // The answer reaches the citizen with its buttons; 👎 asks what was wrong.
    await submitDraft(h.app().core, reviewer, { appealId, text: "Шешім орындалу үшін сот орындаушысына жіберілді.", outcome: "explained" });
    await approveDraft(h.app().core, head, { appealId, answerId: (await pendingDraft(h.app().core.db, appealId))!.id });
    const person = h.user(CITIZEN);
    const answer = await person.waitForBot("Шешім орындалу үшін сот орындаушысына жіберілді.");
    expect(answer.inline_keyboard?.flat().map((b) => b.text)).toEqual([shown("kk", "appeal.rate.satisfied"), shown("kk", "appeal.rate.unsatisfied"), shown("kk", "appeal.answer_buttons.complain")]);
    await person.press(shown("kk", "appeal.rate.unsatisfied"));
    await person.waitForBot(shown("kk", "appeal.objection.ask_disliked"));
    await person.send("Жауапта мерзім көрсетілмеген.");
    await person.waitForBot(shown("kk", "appeal.objection.sent", { number }));

    // The Head gets the answer and the citizen's words at once, as a control item, and replies.
    const headChat = h.user(HEAD);
    const item = await headChat.waitForBot("Жауапта мерзім көрсетілмеген.");
    expect(item.text).toContain(number);
    expect(item.text).toContain("Шешім орындалу үшін сот орындаушысына жіберілді.");
    const [executor] = await h.app().core.db.select().from(controlExecutors).where(eq(controlExecutors.userId, head.userId));
    expect(executor).toMatchObject({ state: "assigned" });
    await headChat.press(shown("ru", "control.objection.reply"));
    await headChat.waitForBot(shown("ru", "control.objection.ask_reply"));
    await headChat.send("Мерзімі — 10 наурыз, сот орындаушысы хабарласады.");
    await headChat.waitForBot(shown("ru", "control.objection.done_reply", { number }));
    await person.waitForBot(shown("kk", "appeal.notice.head_reply", { number, text: "Мерзімі — 10 наурыз, сот орындаушысы хабарласады." }));

    const [closed] = await h.app().core.db.select().from(controlExecutors).where(eq(controlExecutors.id, executor!.id));
    expect(closed).toMatchObject({ state: "executed" });
    const trail = await eventsOf(h.app().core.db, appealId);
    expect(trail.map((e) => e.kind)).toEqual(expect.arrayContaining(["taken", "rated", "objected", "objection_decided"]));
    expect(trail.find((e) => e.kind === "objection_decided")).toMatchObject({ actorUserId: head.userId, comment: "Мерзімі — 10 наурыз, сот орындаушысы хабарласады.", data: expect.objectContaining({ decision: "reply" }) });
    const [row] = await h.app().core.db.select({ rating: appeals.rating }).from(appeals).where(eq(appeals.id, appealId));
    expect(row?.rating).toBe("unsatisfied");
  });

  it("a burst of 10 appeals in a minute gives each registrar at most 3 messages, the last saying how many more came", async () => {
    h.clock.advance(3_600_000);
    const before = await Promise.all(REGISTRARS.map(async (id) => (await newAppealNotices(h.user(id))).length));
    const numbers: string[] = [];
    for (let i = 0; i < 10; i++) {
      numbers.push((await register(`Шұғыл өтініш №${i + 1}: сот отырысының хаттамасы берілмеді.`)).number);
      h.clock.advance(5_000);
    }
    // The gathered message waits for the minute to end; then time goes on, so a try that failed is tried again.
    h.clock.advance(60_000);
    const tick = setInterval(() => h.clock.advance(5_000), 500);
    try {
      for (const id of REGISTRARS) await h.user(id).waitFor((v) => v.messages.some((m) => m.text === shown("ru", "staff.notice.new_appeals", { count: 8 })), 30_000);
    } finally {
      clearInterval(tick);
    }
    for (const [index, id] of REGISTRARS.entries()) {
      const registrar = h.user(id);
      const notices = (await newAppealNotices(registrar)).slice(before[index]);
      expect(notices.length).toBeLessThanOrEqual(3);
      expect(notices.map((m) => m.text.split("\n")[0])).toEqual([
        expect.stringContaining(numbers[0]!),
        expect.stringContaining(numbers[1]!),
        shown("ru", "staff.notice.new_appeals", { count: 8 }),
      ]);
    }
    // Open queue from the gathered message shows the oldest new appeal.
    await h.user(REGISTRARS[0]!).press(shown("ru", "staff.notice.open_queue"));
    await h.user(REGISTRARS[0]!).waitForBot(shown("ru", "staff.registry.choose_category"));
  });

  it("a restart mid-send still leaves exactly one notice per registrar for the new appeal", async () => {
    h.clock.advance(3_600_000);
    // The bot stops before its outbox has sent anything of this appeal, then starts again.
    h.sandbox.faults.inject({ fault: { kind: "server_error" }, method: "sendMessage", times: 3 });
    const { appealId, number } = await register("Қайта іске қосу кезіндегі өтініш.");
    await h.restart();
    // Failed tries wait out their backoff on the test's clock.
    const tick = setInterval(() => h.clock.advance(10_000), 500);
    try {
      for (const id of REGISTRARS) await h.user(id).waitForBot(number, 30_000);
    } finally {
      clearInterval(tick);
    }
    for (const id of REGISTRARS) {
      const registrar = h.user(id);
      expect((await botMessages(registrar)).filter((m) => m.text.includes(number))).toHaveLength(1);
    }
    const rows = (await h.app().core.db.select().from(outbox)).filter((o) => o.dedupeKey.startsWith("new_appeal:") && o.dedupeKey.endsWith(`:${appealId}`));
    expect(rows).toHaveLength(REGISTRARS.length);
  });
});
