import { afterEach, describe, expect, it } from "vitest";
import { cancelQueued } from "../../core/outbox/enqueue.js";
import { dbKind } from "../support/db.js";
import { startDeliveryRig, type DeliveryRig } from "./rig.js";

const A = 971001;
const B = 971002;
const C = 971003;

let rig: DeliveryRig | undefined;
afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

const markers = (chat: number, n: number) => Array.from({ length: n }, (_, i) => `${chat}-${i + 1}`);
const lastCall = (r: DeliveryRig) => r.sandbox.state.calls.at(-1);

describe(`the outbox delivery worker on ${dbKind}`, () => {
  it("gets every message through a storm of 429s, once each and in order per chat", async () => {
    rig = await startDeliveryRig([A, B, C]);
    for (const chat of [A, B, C]) for (const m of markers(chat, 4)) await rig.notice(chat, m);
    rig.sandbox.faults.inject({ fault: { kind: "too_many_requests", retryAfter: 1 }, times: 6 });
    rig.startWorker();
    const r = rig;
    for (const chat of [A, B, C]) await r.settled(`${chat}-4`, "sent");

    for (const chat of [A, B, C]) expect(r.received(chat)).toEqual(markers(chat, 4));
    expect(r.sandbox.state.calls.filter((c) => c.error_code === 429)).toHaveLength(6);
    expect((await r.row(`${A}-4`)).status).toBe("sent");
  });

  it("tries again after a server error, when the backoff has passed on the clock", async () => {
    rig = await startDeliveryRig([A]);
    const r = rig;
    r.sandbox.faults.inject({ fault: { kind: "server_error" }, chatId: A, times: 1 });
    await r.notice(A, "first");
    await r.notice(A, "second");
    r.startWorker();
    await r.waitFor(() => lastCall(r)?.error_code === 500, "the server error");
    await r.settled("first", "pending");
    // The second message waits behind the first, so the chat never reads them out of order.
    expect(r.received(A)).toEqual([]);
    expect(await r.row("first")).toMatchObject({ status: "pending", attempts: 1 });

    r.ctx.clock.advance(2_000);
    await r.settled("second", "sent");
    expect(r.received(A)).toEqual(["first", "second"]);
  });

  it("resends a message whose call hung past the timeout, and counts the resend as one of unknown outcome", async () => {
    rig = await startDeliveryRig([A, B], {}, 1);
    const r = rig;
    r.sandbox.faults.inject({ fault: { kind: "hang", ms: 1_500 }, chatId: A, times: 1 });
    r.sandbox.faults.inject({ fault: { kind: "hang", ms: 1_500, thenDeliver: true }, chatId: B, times: 1 });
    await r.notice(A, "lost");
    await r.notice(B, "arrived");
    r.startWorker();
    await r.waitFor(() => r.received(B).length === 1, "the hung call that still arrived");
    await r.settled("lost", "pending");
    await r.settled("arrived", "pending");
    expect(await r.row("lost")).toMatchObject({ status: "pending", unknownOutcomes: 0 });

    r.ctx.clock.advance(2_000);
    await r.settled("lost", "sent");
    await r.settled("arrived", "sent");
    // Telegram cannot be asked whether a message arrived: the one that did is read twice, and counted.
    expect(r.received(A)).toEqual(["lost"]);
    expect(r.received(B)).toEqual(["arrived", "arrived"]);
    expect(await r.row("lost")).toMatchObject({ status: "sent", unknownOutcomes: 1 });
    expect(await r.row("arrived")).toMatchObject({ status: "sent", unknownOutcomes: 1 });
  });

  it("marks a person who blocked the bot or whose chat is gone as unreachable, and goes on with the others", async () => {
    rig = await startDeliveryRig([A, B, C]);
    const r = rig;
    r.sandbox.faults.inject({ fault: { kind: "blocked" }, chatId: A });
    r.sandbox.faults.inject({ fault: { kind: "deactivated" }, chatId: B });
    await r.notice(A, "to-blocked");
    await r.notice(B, "to-deleted");
    await r.notice(999_999, "to-unknown");
    await r.notice(C, "to-reachable");
    r.startWorker();
    for (const marker of ["to-blocked", "to-deleted", "to-unknown"]) await r.settled(marker, "unreachable");
    await r.settled("to-reachable", "sent");

    expect(await r.row("to-blocked")).toMatchObject({ status: "unreachable", lastError: "Forbidden: bot was blocked by the user" });
    expect(await r.row("to-deleted")).toMatchObject({ status: "unreachable", lastError: "Forbidden: user is deactivated" });
    expect(await r.row("to-unknown")).toMatchObject({ status: "unreachable", lastError: "Bad Request: chat not found" });
    expect(await r.row("to-reachable")).toMatchObject({ status: "sent" });
  });

  it("never sends a cancelled reminder", async () => {
    rig = await startDeliveryRig([A]);
    const r = rig;
    const at = new Date(r.ctx.clock.now().getTime() + 3_600_000);
    await r.notice(A, "reminder", { notBefore: at });
    expect(await cancelQueued(r.ctx.db, ["test:reminder"])).toBe(1);
    r.ctx.clock.advance(2 * 3_600_000);
    await r.notice(A, "later");
    r.startWorker();
    await r.settled("later", "sent");
    expect(r.received(A)).toEqual(["later"]);
    expect((await r.row("reminder")).status).toBe("cancelled");
  });

  it("holds a reminder until its time on the clock, without holding back what is due now", async () => {
    rig = await startDeliveryRig([A]);
    const r = rig;
    await r.notice(A, "tomorrow", { notBefore: new Date(r.ctx.clock.now().getTime() + 86_400_000) });
    await r.notice(A, "now");
    r.startWorker();
    await r.settled("now", "sent");
    // A message written later goes out too: the worker looked again, and the reminder still waits.
    await r.notice(A, "also-now");
    await r.settled("also-now", "sent");
    expect(r.received(A)).toEqual(["now", "also-now"]);
    expect((await r.row("tomorrow")).status).toBe("pending");

    r.ctx.clock.advance(86_400_000);
    await r.settled("tomorrow", "sent");
    expect(r.received(A)).toEqual(["now", "also-now", "tomorrow"]);
  });

  it("on stopping, finishes the call under way and leaves the rest for the next worker, which sends them once", async () => {
    rig = await startDeliveryRig([A, B, C], { perSecond: 5 });
    const r = rig;
    for (const chat of [A, B, C]) for (const m of markers(chat, 3)) await r.notice(chat, m);
    r.startWorker();
    await r.waitFor(() => [A, B, C].some((chat) => r.received(chat).length > 0), "the first message");
    await r.stopWorker();
    const sentBefore = [A, B, C].map((chat) => r.received(chat).length).reduce((a, b) => a + b);
    expect(sentBefore).toBeLessThan(9);

    r.startWorker();
    for (const chat of [A, B, C]) await r.settled(`${chat}-3`, "sent");
    for (const chat of [A, B, C]) expect(r.received(chat)).toEqual(markers(chat, 3));
  });
});
