import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identify, setLanguage } from "../../core/people/users.js";
import { notifyRoles } from "../../core/staff/notify.js";
import { outbox, users } from "../../db/schema/index.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";

/**
 * A person's language is decided in one place: chosen, else the one Telegram gave when they first
 * wrote. Replies and notices queued for later agree, so a Russian-speaking clerk who never chose
 * does not get the morning's notices in Kazakh.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.dispose());

async function noticeLanguage(ctx: ReturnType<typeof testCtx>, telegramId: number): Promise<string | undefined> {
  const [row] = await ctx.db.select({ language: outbox.language }).from(outbox).where(eq(outbox.chatId, telegramId));
  return row?.language;
}

describe(`the language of a person on ${dbKind}`, () => {
  it("is the one Telegram gave at first contact until they choose, for replies and queued notices alike", async () => {
    const ctx = testCtx(db.database);
    const clerk = await identify(ctx, { telegramId: 7701, languageCode: "ru-RU" });
    await ctx.db.update(users).set({ role: "registrar" }).where(eq(users.id, clerk.userId));
    // Later updates may come without a language (a forwarded message): the first one still counts.
    expect((await identify(ctx, { telegramId: 7701 })).language).toBe("ru");
    await notifyRoles(ctx, ctx.db, { roles: ["registrar"] }, (id) => `t:first:${id}`, { key: "staff.notice.by_post_added", params: { number: "ЖТ-2026-000001" } });
    expect(await noticeLanguage(ctx, 7701)).toBe("ru");
  });

  it("follows the person's choice once made, and falls back to the state language when nothing is known", async () => {
    const ctx = testCtx(db.database);
    const reviewer = await identify(ctx, { telegramId: 7702, languageCode: "ru" });
    await setLanguage(ctx, ctx.db, reviewer, "kk");
    expect((await identify(ctx, { telegramId: 7702, languageCode: "ru" })).language).toBe("kk");
    expect((await identify(ctx, { telegramId: 7703 })).language).toBe("kk");
    expect((await identify(ctx, { telegramId: 7703, languageCode: "en" })).language).toBe("en");
  });
});
