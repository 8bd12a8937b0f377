import { eq, like } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { watchDelivery } from "../../core/outbox/watch.js";
import { outbox } from "../../db/schema/index.js";
import type { Fault } from "../../sandbox/emulator/index.js";
import { staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { GIVE_UP_HOURS, NOTICE_KEY, startDeliveryRig, type DeliveryRig } from "./rig.js";

const CITIZEN = 974001;
const ADMINS = [974101, 974102];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let rig: DeliveryRig | undefined;
afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

/** Moves the clock to the message's next try and waits for the worker to make it. */
async function nextTry(r: DeliveryRig, marker: string): Promise<typeof outbox.$inferSelect> {
  await r.waitFor(async () => (await r.row(marker)).status !== "sending", `${marker} to settle`);
  const before = await r.row(marker);
  if (before.notBefore > r.ctx.clock.now()) r.ctx.clock.set(before.notBefore);
  try {
    await r.waitFor(async () => {
      const row = await r.row(marker);
      return row.attempts > before.attempts && row.status !== "sending";
    }, `try ${before.attempts + 1} of ${marker}`, 90_000);
  } catch (error) {
    // Say where the message stood, so a failure names its cause.
    const all = await r.ctx.db.select({ id: outbox.id, key: outbox.dedupeKey, status: outbox.status, attempts: outbox.attempts, notBefore: outbox.notBefore, claimedAt: outbox.claimedAt, lastError: outbox.lastError }).from(outbox);
    throw new Error(`${(error as Error).message}; clock ${r.ctx.clock.now().toISOString()}; outbox ${JSON.stringify(all)}`, { cause: error });
  }
  return r.row(marker);
}

/** Alerts written to administrators about delivery, by topic. */
async function alerts(r: DeliveryRig, topic: "given_up" | "stalled") {
  return r.ctx.db.select().from(outbox).where(like(outbox.dedupeKey, `delivery:${topic}:%`));
}

describe(`giving up on a message by its age, not its tries, on ${dbKind}`, () => {
  it("counts a long message's parts as one try", async () => {
    rig = await startDeliveryRig([CITIZEN]);
    const long = "word ".repeat(1_000);
    await rig.notice(CITIZEN, "long", { parts: [1, 2].map(() => ({ key: NOTICE_KEY, params: { number: long } })) });
    rig.startWorker();
    await rig.settled("long", "sent");
    expect(rig.sandbox.state.chat(CITIZEN)!.messages.filter((m) => m.sender === "bot")).toHaveLength(3);
    expect(await rig.row("long")).toMatchObject({ status: "sent", attempts: 1 });
  });

  // A dozen tries through the real worker, some waiting out a hung call: seconds alone, far more on a loaded machine.
  it("keeps a message through twenty minutes of Telegram errors, trying at least every five minutes, and gives it up once it has waited its hours; the administrators hear of both, at most hourly", { timeout: 180_000 }, async () => {
    rig = await startDeliveryRig([CITIZEN, ...ADMINS], {}, 1);
    const r = rig;
    for (const admin of ADMINS) await staffMember(r.ctx, admin, "admin");
    await r.notice(CITIZEN, "answer");
    const start = r.ctx.clock.now().getTime();
    // Telegram down, then the bot's token and address wrong, then a hung call: all are passing.
    const outage: Fault[] = [{ kind: "server_error" }, { kind: "unauthorized" }, { kind: "not_found" }, { kind: "hang", ms: 1_500 }];
    let row = await r.row("answer");
    for (let i = 0; r.ctx.clock.now().getTime() - start < 20 * MINUTE; i++) {
      r.sandbox.faults.clear();
      r.sandbox.faults.inject({ fault: outage[Math.min(Math.floor(i / 3), outage.length - 1)]!, chatId: CITIZEN });
      if (i === 0) r.startWorker();
      row = await nextTry(r, "answer");
      expect(row.status).toBe("pending");
      expect(row.notBefore.getTime() - r.ctx.clock.now().getTime()).toBeLessThanOrEqual(5 * MINUTE);
    }
    expect(row.attempts).toBeGreaterThan(8);
    expect(r.received(CITIZEN)).toEqual([]);

    // Past ten minutes the watch tells each administrator once; a minute later it writes nothing new.
    expect(await watchDelivery(r.ctx)).toBe(ADMINS.length);
    r.ctx.clock.advance(MINUTE);
    expect(await watchDelivery(r.ctx)).toBe(0);
    r.ctx.clock.advance(HOUR);
    expect(await watchDelivery(r.ctx)).toBe(ADMINS.length);
    expect((await alerts(r, "stalled")).map((a) => a.chatId).sort()).toEqual([...ADMINS, ...ADMINS].sort());
    // The hour made the answer due again: that try is over before the clock jumps, or it would be the one to give it up.
    row = await nextTry(r, "answer");
    expect(row.status).toBe("pending");

    r.sandbox.faults.clear();
    r.sandbox.faults.inject({ fault: { kind: "server_error" }, chatId: CITIZEN });
    r.ctx.clock.set(new Date(start + GIVE_UP_HOURS * HOUR));
    row = await nextTry(r, "answer");
    expect(row).toMatchObject({ status: "failed", lastError: "Internal Server Error" });
    expect(row.failedAt).toEqual(r.ctx.clock.now());
    const givenUp = await alerts(r, "given_up");
    expect(givenUp.map((a) => a.chatId).sort()).toEqual(ADMINS);
    expect(givenUp[0]!.payload).toMatchObject({ key: "delivery.alert.given_up", params: { count: 1, error: "Internal Server Error" } });

    // Telegram is back: the administrators read the alerts; the given-up answer waits for one of them.
    r.sandbox.faults.clear();
    for (const admin of ADMINS) await r.waitFor(() => r.sandbox.state.chat(admin)!.messages.length === 3, `alerts to ${admin}`);
    expect((await r.row("answer")).status).toBe("failed");
    expect(await r.ctx.db.select().from(outbox).where(eq(outbox.status, "failed"))).toHaveLength(1);
  });
});
