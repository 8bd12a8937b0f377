import { afterEach, describe, expect, it } from "vitest";
import { dbKind } from "../support/db.js";
import { GIVE_UP_HOURS, startDeliveryRig, type DeliveryRig } from "./rig.js";

const A = 972001;
const B = 972002;

let rig: DeliveryRig | undefined;
afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

/** What an operator's sends-by-result counter is fed, as the worker reports it. */
describe(`the outbox worker's results for metrics on ${dbKind}`, () => {
  it("reports a 429 that was waited out, then the message as delivered", async () => {
    rig = await startDeliveryRig([A]);
    const r = rig;
    r.sandbox.faults.inject({ fault: { kind: "too_many_requests", retryAfter: 1 }, chatId: A, times: 1 });
    await r.notice(A, "slowed");
    r.startWorker();
    await r.waitFor(() => r.results.length === 2, "two results");
    expect(r.results).toEqual(["429", "ok"]);
  });

  it("reports a server error as retried, a blocked person as unreachable, and a message past its age as failed", async () => {
    rig = await startDeliveryRig([A, B]);
    const r = rig;
    r.sandbox.faults.inject({ fault: { kind: "server_error" }, chatId: A, times: 2 });
    r.sandbox.faults.inject({ fault: { kind: "blocked" }, chatId: B });
    await r.notice(A, "once-more");
    await r.notice(B, "blocked");
    r.startWorker();
    await r.waitFor(() => r.results.length === 2, "two results");
    expect([...r.results].sort()).toEqual(["retried", "unreachable"]);

    // The message has waited its whole time: the next server error gives it up.
    r.ctx.clock.advance(GIVE_UP_HOURS * 3_600_000);
    await r.settled("once-more", "failed");
    await r.waitFor(() => r.results.length === 3, "a third result");
    expect(r.results[2]).toBe("failed");
  });
});
