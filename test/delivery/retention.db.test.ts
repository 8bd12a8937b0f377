import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAppeal } from "../../core/appeals/register.js";
import { enqueue } from "../../core/outbox/enqueue.js";
import { listUndelivered } from "../../core/outbox/undelivered.js";
import { eraseOldMessages, outboxJobs } from "../../core/outbox/retention.js";
import type { Actor } from "../../core/shared/roles.js";
import { outbox } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";

let tdb: TestDatabase;
let ctx: ReturnType<typeof testCtx>;
let citizen: Actor;
let admin: Actor;
let appealId: number;

beforeAll(async () => {
  tdb = await openTestDatabase();
  ctx = testCtx(tdb.database, "2026-03-02T10:00:00+05:00");
  citizen = await signedUpCitizen(ctx, 9601, { fullName: "Сейтқали Айгүл" });
  admin = await staffMember(ctx, 9602, "admin");
  ({ appealId } = await registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "request", text: "Сот шешімінің көшірмесін беруді сұраймын.", language: "kk", replyChannel: "chat" }));
});
afterAll(() => tdb.dispose());

const ANSWER = "Құрметті Сейтқали Айгүл! Сіздің өтінішіңіз қаралды, сот шешімінің көшірмесі қоса беріледі.";

/** The answer's notice as signing writes it: the whole text, its file and the objection button. */
async function answerNotice(dedupeKey: string, status: string): Promise<number> {
  await enqueue(ctx, ctx.db, {
    dedupeKey,
    chatId: citizen.telegramId,
    language: "kk",
    appealId,
    key: "appeal.notice.answered",
    params: { outcome: "satisfied", text: ANSWER },
    fileIds: [1],
    keyboard: { name: "answer", ref: 7 },
  });
  const [row] = await ctx.db.update(outbox).set({ status, sentAt: status === "sent" ? ctx.clock.now() : null, failedAt: status === "failed" ? ctx.clock.now() : null }).where(eq(outbox.dedupeKey, dedupeKey)).returning();
  return row!.id;
}

const rowsOf = async (ids: number[]) => new Map((await ctx.db.select().from(outbox).where(inArray(outbox.id, ids))).map((r) => [r.id, r]));

describe(`erasing what sent messages said, on ${dbKind}`, () => {
  it("erases a finished message's names and text after the retention, keeps its kind, buttons and key, and leaves waiting, given-up and recent ones whole", async () => {
    ctx.clock.set("2026-03-02T10:00:00+05:00");
    const sent = await answerNotice("test:sent", "sent");
    const unreachable = await answerNotice("test:unreachable", "unreachable");
    const failed = await answerNotice("test:failed", "failed");
    const pending = await answerNotice("test:pending", "pending");
    ctx.clock.set("2026-03-25T10:00:00+05:00");
    const recent = await answerNotice("test:recent", "sent");

    // 30 days after the first four, 7 after the last.
    ctx.clock.set("2026-04-01T10:01:00+05:00");
    const [job] = outboxJobs(30);
    expect(job!.name).toBe("outbox.erase");
    expect(await job!.run(ctx)).toBe(2);
    const rows = await rowsOf([sent, unreachable, failed, pending, recent]);
    for (const id of [sent, unreachable]) {
      expect(rows.get(id)!.payload).toEqual({ key: "appeal.notice.answered", params: {}, fileIds: [], keyboard: { name: "answer", ref: 7 } });
      expect(rows.get(id)!.erasedAt).toEqual(ctx.clock.now());
      expect(JSON.stringify(rows.get(id))).not.toContain("Айгүл");
    }
    expect(rows.get(unreachable)!.status).toBe("unreachable");
    // The administrators may still send a given-up one; the waiting one and the recent one are untouched.
    for (const id of [failed, pending, recent]) expect(rows.get(id)!.payload).toMatchObject({ params: { text: ANSWER } });
    expect((await listUndelivered(ctx, admin, { failedOnly: true })).messages.map((m) => m.id)).toEqual([failed]);

    // A second run finds nothing; the key still keeps the message from being written again.
    expect(await eraseOldMessages(ctx, 30)).toBe(0);
    expect(await enqueue(ctx, ctx.db, { dedupeKey: "test:sent", chatId: citizen.telegramId, language: "kk", key: "appeal.notice.answered", params: { text: ANSWER } })).toBe(false);
    expect((await rowsOf([sent])).get(sent)!.payload).toMatchObject({ params: {} });

    // A week later the recent one's turn has come.
    ctx.clock.set("2026-04-24T10:01:00+05:00");
    expect(await eraseOldMessages(ctx, 30)).toBe(1);
    expect((await rowsOf([recent])).get(recent)!.payload).toMatchObject({ params: {} });
  });
});
