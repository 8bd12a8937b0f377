import { randomUUID } from "node:crypto";
import { and, count, eq, inArray, lt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAppeal } from "../../core/appeals/register.js";
import { enqueue } from "../../core/outbox/enqueue.js";
import { watchDelivery } from "../../core/outbox/watch.js";
import { outbox } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { shown } from "../support/texts.js";

const CITIZEN = 978001;
const ADMIN = 978101;
const SECOND_ADMIN = 978102;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ANSWER = "Решение суда исполняется, исполнительный лист направлен судебному исполнителю.";

let h: Harness;
beforeAll(async () => {
  h = await startHarness([citizen(CITIZEN, "ru"), citizen(ADMIN, "ru"), citizen(SECOND_ADMIN, "kk")]);
  await staffMember(h.app().core, ADMIN, "admin");
  await staffMember(h.app().core, SECOND_ADMIN, "admin");
});
afterAll(() => h.dispose());

const db = () => h.app().core.db;
const row = async (id: number) => (await db().select().from(outbox).where(eq(outbox.id, id)))[0]!;

async function readyz(): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${h.app().url}/readyz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function until(ready: () => Promise<boolean>, what: string): Promise<void> {
  await expect.poll(ready, { timeout: 20_000, interval: 50, message: what }).toBe(true);
}

/** A wait that runs out says what the outbox held for the administrators, so a failure names its cause. */
async function withOutboxOnTimeout<T>(wait: () => Promise<T>): Promise<T> {
  try {
    return await wait();
  } catch (error) {
    const rows = await db()
      .select({ id: outbox.id, chatId: outbox.chatId, key: outbox.dedupeKey, status: outbox.status, attempts: outbox.attempts, notBefore: outbox.notBefore, lastError: outbox.lastError })
      .from(outbox)
      .where(inArray(outbox.chatId, [ADMIN, SECOND_ADMIN]));
    throw new Error(`${(error as Error).message}\nclock ${h.clock.now().toISOString()}; the administrators' outbox: ${JSON.stringify(rows)}`, { cause: error });
  }
}

/** Moves the clock to the message's next try and waits for the worker to make it. */
async function nextTry(id: number) {
  await until(async () => (await row(id)).status !== "sending", "the message to settle");
  const before = await row(id);
  if (before.notBefore > h.clock.now()) h.clock.set(before.notBefore);
  await until(async () => {
    const now = await row(id);
    return now.attempts > before.attempts && now.status !== "sending";
  }, `try ${before.attempts + 1}`);
  return row(id);
}

describe(`a Telegram outage on ${dbKind}`, () => {
  it("keeps a citizen's answer through twenty minutes of it, gives it up only after its hours, tells the administrators, who send it again once Telegram is back", async () => {
    const core = h.app().core;
    const owner = await signedUpCitizen(core, CITIZEN);
    const { appealId, number } = await registerAppeal(core, owner, { draftId: randomUUID(), type: "request", text: "Прошу разъяснить ход исполнения решения суда.", language: "ru", replyChannel: "chat" });
    const start = h.clock.now().getTime();
    // Telegram answers every message the bot sends with a server error.
    h.sandbox.faults.inject({ fault: { kind: "server_error" } });
    await enqueue(core, core.db, { dedupeKey: `answer:${appealId}`, chatId: CITIZEN, language: "ru", key: "appeal.notice.answered", params: { number, outcome: "explained", text: ANSWER }, appealId });
    const [{ id }] = (await db().select({ id: outbox.id }).from(outbox).where(eq(outbox.dedupeKey, `answer:${appealId}`))) as [{ id: number }];

    let answer = await row(id);
    let alerted = 0;
    while (h.clock.now().getTime() - start < 20 * MINUTE) {
      answer = await nextTry(id);
      expect(answer.status).toBe("pending");
      // The scheduler's watch, run by hand: past ten minutes it writes one alert to each administrator.
      if (h.clock.now().getTime() - start > 10 * MINUTE) alerted += await watchDelivery(core);
    }
    expect(alerted).toBe(2);
    expect(answer).toMatchObject({ status: "pending", lastError: "Internal Server Error" });
    expect(await readyz()).toMatchObject({ status: 200, body: { ok: true, status: "degraded", reasons: ["outbox_stalled"] } });

    // Three days on, still down: the next failed try gives the answer up, and the alerts written during the outage with it.
    h.clock.set(new Date(start + 73 * HOUR));
    answer = await nextTry(id);
    expect(answer.status).toBe("failed");
    const overdue = and(inArray(outbox.status, ["pending", "sending"]), lt(outbox.dueAt, new Date(h.clock.now().getTime() - 72 * HOUR)));
    await until(async () => (await db().select({ n: count() }).from(outbox).where(overdue))[0]!.n === 0, "everything past its hours to be given up");
    const ready = await readyz();
    expect(ready).toMatchObject({ status: 200, body: { ok: true, status: "degraded" } });
    expect(ready.body.reasons).toContain("messages_given_up");

    // Telegram is back: each administrator reads that messages were given up (in Kazakh: neither has chosen a language yet).
    h.sandbox.faults.clear();
    // A try that met the outage may still be under way; its retry is timed from when it ends, so the clock moves after.
    await until(async () => (await db().select({ n: count() }).from(outbox).where(eq(outbox.status, "sending")))[0]!.n === 0, "tries under way to end");
    h.clock.advance(5 * MINUTE);
    const alertLine = shown("kk", "delivery.alert.given_up", { count: 0, error: "Internal Server Error" }).split("\n")[0]!;
    await withOutboxOnTimeout(() => h.user(SECOND_ADMIN).waitForBot(alertLine, 20_000));
    const admin = h.user(ADMIN);
    await withOutboxOnTimeout(() => admin.waitForBot(alertLine, 20_000));

    // One of them opens the list: the answer, for a citizen by number, not by name or text; and the two alerts given up with it.
    await admin.send("/admin");
    await admin.press(shown("ru", "staff.admin.undelivered"));
    const list = await admin.waitForBot(shown("ru", "delivery.undelivered.title", { count: 3 }));
    expect(list.text).toContain(`#${id} · ${shown("ru", "delivery.kind.answer")} ${number} · ${shown("ru", "delivery.whom.citizen", { id: owner.userId })}`);
    expect(list.text).toContain("Internal Server Error");
    expect(list.text).not.toContain(ANSWER);
    expect(list.text).not.toContain("Серікқызы");

    // A citizen's forged press and a malformed one of the administrator change nothing.
    const person = h.user(CITIZEN);
    await person.send("/help");
    const help = await person.waitForBot(shown("ru", "help.text").slice(0, 40));
    await person.pressData(help.message_id, "ud2:all");
    await person.waitFor((v) => v.toasts.some((t) => t.text === shown("ru", "errors.staff_only")));
    await admin.pressData(list.message_id, "ud2:one:abc");
    await admin.waitFor((v) => v.toasts.some((t) => t.text === shown("ru", "errors.stale_button")));
    expect((await db().select({ n: count() }).from(outbox).where(eq(outbox.status, "failed")))[0]!.n).toBe(3);

    await admin.press(shown("ru", "delivery.undelivered.retry_one", { id }));
    await admin.waitForBot(shown("ru", "delivery.undelivered.retried", { count: 1 }));
    await h.user(CITIZEN).waitForBot(ANSWER, 20_000);
    await admin.press(shown("ru", "delivery.undelivered.retry_all"));
    await admin.waitForBot(shown("ru", "delivery.undelivered.empty"));
    await until(async () => (await readyz()).body.status === "ready", "/readyz to be ready again");

    const citizenChat = (await h.user(CITIZEN).messages()).filter((m) => m.from === "bot" && m.text.includes(ANSWER));
    expect(citizenChat).toHaveLength(1);
  }, 180_000);
});
