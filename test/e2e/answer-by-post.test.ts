import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitDraft } from "../../core/appeals/answer.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { forwardExternal } from "../../core/appeals/forward.js";
import { registerAppeal } from "../../core/appeals/register.js";
import type { Actor } from "../../core/shared/roles.js";
import { byPost, outbox } from "../../db/schema/index.js";
import { formatDateTime } from "../../locales/format.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { shown } from "../support/texts.js";

const BLOCKED = 963001;
const GONE = 963002;
const REACHABLE = 963003;
const REGISTRAR = 963101;
const HEAD = 963102;
const ADDRESS = "010000, Астана, Мәңгілік Ел даңғылы, 8 <пәтер 5>";

let h: Harness;
let registrar: Actor;
const people = new Map<number, Actor>();
beforeAll(async () => {
  h = await startHarness([citizen(BLOCKED, "kk"), citizen(GONE, "ru"), citizen(REACHABLE, "kk"), citizen(REGISTRAR, "ru"), citizen(HEAD, "kk")]);
  const core = h.app().core;
  people.set(BLOCKED, await signedUpCitizen(core, BLOCKED, { fullName: "Серікқызы Айгерім" }));
  people.set(GONE, await signedUpCitizen(core, GONE, { fullName: "Иванов Пётр & сын" }));
  people.set(REACHABLE, await signedUpCitizen(core, REACHABLE, { fullName: "Омаров Данияр" }));
  registrar = await staffMember(core, REGISTRAR, "registrar");
  await staffMember(core, HEAD, "head");
});
afterAll(() => h.dispose());

/** An appeal of this person, forwarded to a state body: the citizen is told in chat. */
async function forwardedAppeal(telegramId: number, post: boolean, address = ADDRESS): Promise<string> {
  const core = h.app().core;
  const receipt = await registerAppeal(core, people.get(telegramId)!, {
    draftId: randomUUID(),
    type: "complaint",
    text: "Прокурордың шешіміне шағым беремін.",
    language: "kk",
    replyChannel: post ? "post" : "chat",
    postalAddress: post ? address : null,
  });
  await forwardExternal(core, registrar, { appealId: receipt.appealId, body: "Бас прокуратура", reason: "Прокуратураның құзыретінде." });
  return receipt.number;
}

async function settledNotices(count: number, chatId?: number): Promise<void> {
  const core = h.app().core;
  for (let tries = 0; tries < 1000; tries++) {
    const rows = await core.db.select({ status: outbox.status, chatId: outbox.chatId }).from(outbox);
    if (rows.filter((r) => (chatId === undefined || r.chatId === chatId) && r.status !== "pending" && r.status !== "sending").length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("the notices were not delivered or given up");
}

describe(`answering by post those who cannot be reached in chat, on ${dbKind}`, () => {
  it("lists the appeals of a citizen who blocked the bot or whose account is gone, and the registrar marks them sent by post", async () => {
    h.sandbox.faults.inject({ fault: { kind: "blocked" }, chatId: BLOCKED });
    h.sandbox.faults.inject({ fault: { kind: "deactivated" }, chatId: GONE });
    const blockedNumber = await forwardedAppeal(BLOCKED, true);
    const goneNumber = await forwardedAppeal(GONE, false);
    const reachableNumber = await forwardedAppeal(REACHABLE, false);
    await settledNotices(3);
    await h.user(REACHABLE).waitForBot(reachableNumber);

    const staff = h.user(REGISTRAR);
    // The registry is told of each new entry without asking (in Kazakh: this registrar chose no language).
    await staff.waitForBot(shown("kk", "staff.notice.by_post_added", { number: blockedNumber }));
    await staff.waitForBot(shown("kk", "staff.notice.by_post_added", { number: goneNumber }));
    await staff.send("/by_post");
    const list = await staff.waitForBot(shown("ru", "staff.by_post.title", { count: 2 }));
    const [recorded] = await h.app().core.db.select({ at: byPost.recordedAt }).from(byPost).limit(1);
    const since = formatDateTime(recorded!.at);
    expect(list.text).toContain(shown("ru", "staff.by_post.item", { number: blockedNumber, addressee: "Серікқызы Айгерім" }));
    expect(list.text).toContain(shown("ru", "staff.by_post.address", { address: ADDRESS }));
    expect(list.text).toContain(shown("ru", "staff.by_post.why", { reason: shown("ru", "staff.by_post.reason.blocked"), since }));
    expect(list.text).toContain(shown("ru", "staff.by_post.item", { number: goneNumber, addressee: "Иванов Пётр & сын" }));
    expect(list.text).toContain(shown("ru", "staff.by_post.no_address"));
    expect(list.text).toContain(shown("ru", "staff.by_post.reason.deactivated"));
    expect(list.text).not.toContain(reachableNumber);

    const sentLabel = shown("ru", "staff.by_post.sent_button", { number: blockedNumber });
    const oldButton = list.inline_keyboard!.flat().find((b) => b.text === sentLabel)!;
    await staff.press(sentLabel);
    await staff.waitFor((v) => v.toasts.some((t) => t.text === shown("ru", "staff.by_post.marked", { number: blockedNumber })));
    // The list changes in place: one appeal left, under the same message.
    const edited = await staff.waitForBot(shown("ru", "staff.by_post.title", { count: 1 }));
    expect(edited.message_id).toBe(list.message_id);
    expect(edited.text).not.toContain(blockedNumber);

    // The old button pressed again changes nothing and says why.
    await staff.pressData(list.message_id, oldButton.callback_data!);
    await staff.waitFor((v) => v.toasts.some((t) => t.text === shown("ru", "errors.by_post_already_sent")));
    const open = await h.app().core.db.select().from(byPost).where(eq(byPost.clearedBy, registrar.userId));
    expect(open).toHaveLength(1);
  });

  it("refuses the list to a citizen, and a forged button does nothing", async () => {
    const person = h.user(REACHABLE);
    await person.send("/by_post");
    await person.waitForBot(shown("kk", "errors.forbidden"));

    const staff = h.user(REGISTRAR);
    await staff.send("/by_post");
    const list = await staff.waitForBot(shown("ru", "staff.by_post.title", { count: 1 }));
    await staff.pressData(list.message_id, "bp2:sent:abc");
    await staff.waitFor((v) => v.toasts.some((t) => t.text === shown("ru", "errors.stale_button")));
    expect(await h.app().core.db.select().from(byPost).where(eq(byPost.clearedBy, registrar.userId))).toHaveLength(1);
  });

  it("marks a Head who blocked the bot unreachable, without putting the appeal on the list: staff are not answered by post", async () => {
    h.sandbox.faults.inject({ fault: { kind: "blocked" }, chatId: HEAD });
    const core = h.app().core;
    const receipt = await registerAppeal(core, people.get(REACHABLE)!, { draftId: randomUUID(), type: "application", text: "Сот актісінің көшірмесін сұраймын.", language: "kk", replyChannel: "chat" });
    await classifyAppeal(core, registrar, { appealId: receipt.appealId, category: "general" });
    await submitDraft(core, registrar, { appealId: receipt.appealId, text: "Көшірме жіберілді.", outcome: "explained" });
    await settledNotices(1, HEAD);
    const [toHead] = await core.db.select().from(outbox).where(eq(outbox.chatId, HEAD));
    expect(toHead).toMatchObject({ status: "unreachable", lastError: "Forbidden: bot was blocked by the user" });

    const staff = h.user(REGISTRAR);
    await staff.send("/by_post");
    const list = await staff.waitForBot(shown("ru", "staff.by_post.title", { count: 1 }));
    expect(list.text).not.toContain(receipt.number);
  });

  it("shows as many as fit one message when addresses are long, and counts the rest", async () => {
    const longAddress = `010000, Астана, ${"Мәңгілік Ел даңғылы, ".repeat(22)}8`.slice(0, 500);
    for (let i = 0; i < 8; i++) await forwardedAppeal(BLOCKED, true, longAddress);
    await settledNotices(9, BLOCKED);

    const staff = h.user(REGISTRAR);
    await staff.send("/by_post");
    const list = await staff.waitForBot(shown("ru", "staff.by_post.title", { count: 9 }));
    const buttons = list.inline_keyboard!.flat();
    expect(list.text.length).toBeLessThanOrEqual(4096);
    expect(buttons.length).toBeGreaterThan(1);
    expect(buttons.length).toBeLessThan(9);
    expect(list.text).toContain(shown("ru", "staff.by_post.more", { count: 9 - buttons.length }));
  });
});
