import { randomUUID } from "node:crypto";
import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { writeOverdueNotices } from "../../core/appeals/deadline-reminders.js";
import { registerAppeal } from "../../core/appeals/register.js";
import { appeals, outbox } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterAll(() => tdb.dispose());

describe(`overdue notices after the scheduler was down on ${dbKind}`, () => {
  it("sends the notices of the mornings it missed, once, when it comes back days later", async () => {
    const ctx = testCtx(tdb.database, "2026-03-02T10:00:00+05:00");
    const citizen = await signedUpCitizen(ctx, 8701);
    const registrar = await staffMember(ctx, 8702, "registrar");
    const reviewer = await staffMember(ctx, 8703, "reviewer");
    const head = await staffMember(ctx, 8704, "head");
    const { appealId, number } = await registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "request", text: "Сот шешімінің көшірмесін сұраймын.", language: "kk", replyChannel: "chat" });
    await classifyAppeal(ctx, registrar, { appealId, category: "general", holderUserId: reviewer.userId });
    await ctx.db.update(appeals).set({ dueOn: "2026-03-16" }).where(eq(appeals.id, appealId));

    // Due Monday 16 March; the process was down on the mornings of 17 and 18 March and starts on Thursday.
    ctx.clock.set("2026-03-19T09:30:00+05:00");
    expect(await writeOverdueNotices(ctx)).toBe(2);
    expect(await writeOverdueNotices(ctx)).toBe(0);
    const sent = await ctx.db.select().from(outbox).where(like(outbox.dedupeKey, "overdue:%"));
    expect(sent.map((r) => [r.chatId, (r.payload as { key: string; params: { number: string } }).params.number]).sort()).toEqual(
      [[reviewer.telegramId, number], [head.telegramId, number]].sort(),
    );
  });
});
