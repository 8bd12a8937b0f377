import { randomUUID } from "node:crypto";
import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { eventsOf } from "../../core/appeals/events.js";
import { forwardExternal } from "../../core/appeals/forward.js";
import { registerAppeal } from "../../core/appeals/register.js";
import { deactivateStaff } from "../../core/staff/deactivate.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import type { Actor } from "../../core/shared/roles.js";
import { appeals, outbox, users } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";
import { refusal } from "../support/refusal.js";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterAll(() => tdb.dispose());

const TEXT = "Прошу разъяснить порядок получения копии решения суда по гражданскому делу";

describe(`deactivating staff on ${dbKind}`, () => {
  it("returns the person's open appeals to the queue with an event each, and tells every active registrar", async () => {
    const ctx = testCtx(tdb.database, "2026-03-03T10:00:00+05:00");
    const citizen = await signedUpCitizen(ctx, 8201);
    const registrar = await staffMember(ctx, 8202, "registrar");
    const formerRegistrar = await staffMember(ctx, 8203, "registrar");
    await ctx.db.update(users).set({ active: false }).where(eq(users.id, formerRegistrar.userId));
    await ctx.db.update(users).set({ language: "ru" }).where(eq(users.id, registrar.userId));
    const secondRegistrar = await staffMember(ctx, 8204, "registrar");
    const reviewer = await staffMember(ctx, 8205, "reviewer");
    const admin = await staffMember(ctx, 8206, "admin");

    const held: number[] = [];
    for (let i = 0; i < 3; i++) {
      const receipt = await registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "application", text: TEXT, language: "ru", replyChannel: "chat" });
      await classifyAppeal(ctx, registrar, { appealId: receipt.appealId, category: "general", holderUserId: reviewer.userId });
      held.push(receipt.appealId);
    }
    // One of them is closed already: it keeps its holder and its trail.
    const closedId = held.pop()!;
    await forwardExternal(ctx, registrar, { appealId: closedId, body: "Генеральная прокуратура", reason: "вне компетенции" });

    const result = await deactivateStaff(ctx, admin, { userId: reviewer.userId });
    expect(result.returned).toHaveLength(2);

    for (const id of held) {
      const [appeal] = await ctx.db.select().from(appeals).where(eq(appeals.id, id));
      expect(appeal).toMatchObject({ holderUserId: null, state: "in_review" });
      const last = (await eventsOf(ctx.db, id)).at(-1)!;
      expect(last).toMatchObject({ kind: "returned_to_queue", actorUserId: admin.userId, data: { fromHolderUserId: reviewer.userId } });
    }
    const [closed] = await ctx.db.select().from(appeals).where(eq(appeals.id, closedId));
    expect(closed!.holderUserId).toBe(reviewer.userId);
    expect((await eventsOf(ctx.db, closedId)).some((e) => e.kind === "returned_to_queue")).toBe(false);

    const notices = await ctx.db.select().from(outbox).where(like(outbox.dedupeKey, `staff_deactivated:${reviewer.userId}:%`));
    expect(notices.map((n) => n.chatId).sort()).toEqual([registrar.telegramId, secondRegistrar.telegramId].sort());
    const toFirst = notices.find((n) => n.chatId === registrar.telegramId)!;
    expect(toFirst.language).toBe("ru");
    expect(toFirst.payload).toMatchObject({ key: "staff.notice.returned_to_queue", params: { count: 2, numbers: result.returned.join(", ") } });

    const [row] = await ctx.db.select().from(users).where(eq(users.id, reviewer.userId));
    expect(row!.active).toBe(false);
    expect(await refusal(deactivateStaff(ctx, admin, { userId: reviewer.userId }))).toBe("staff_already_deactivated");
  });

  it("is the administrator's alone, for staff only, and not for oneself", async () => {
    const ctx = testCtx(tdb.database);
    const head: Actor = await staffMember(ctx, 8211, "head");
    const reviewer = await staffMember(ctx, 8212, "reviewer");
    const citizen = await signedUpCitizen(ctx, 8213);
    const admin = await staffMember(ctx, 8214, "admin");
    expect(await refusal(deactivateStaff(ctx, head, { userId: reviewer.userId }))).toBe("forbidden");
    expect(await refusal(deactivateStaff(ctx, citizen, { userId: reviewer.userId }))).toBe("staff_only");
    expect(await refusal(deactivateStaff(ctx, admin, { userId: citizen.userId }))).toBe("staff_not_found");
    expect(await refusal(deactivateStaff(ctx, admin, { userId: admin.userId }))).toBe("cannot_deactivate_self");
    const quiet = await deactivateStaff(ctx, CONSOLE_OPERATOR, { userId: reviewer.userId });
    expect(quiet.returned).toEqual([]);
  });
});
