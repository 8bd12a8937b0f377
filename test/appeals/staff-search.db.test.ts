import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { registerAppeal } from "../../core/appeals/register.js";
import { searchAppeals } from "../../core/appeals/search.js";
import { staffAppealCard } from "../../core/appeals/staff-card.js";
import { appeals, users } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";
import { refusal } from "../support/refusal.js";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterAll(() => tdb.dispose());

describe(`staff search and the appeal card on ${dbKind}`, () => {
  it("finds by number, IIN, name and words, shows names only to roles that may see them, and hides ДСП without clearance", async () => {
    const ctx = testCtx(tdb.database, "2026-04-01T10:00:00+05:00");
    const citizen = await signedUpCitizen(ctx, 8401, { fullName: "Ахметов Дархан", iin: "870615400228" });
    const registrar = await staffMember(ctx, 8402, "registrar");
    const reviewer = await staffMember(ctx, 8403, "reviewer");
    const other = await staffMember(ctx, 8404, "reviewer");
    const admin = await staffMember(ctx, 8405, "admin");
    const held = await registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "complaint", text: "Жалоба на затягивание выдачи исполнительного листа", language: "ru", replyChannel: "chat" });
    const secret = await registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "report", text: "Сообщение об исполнительном листе для служебного пользования", language: "ru", replyChannel: "chat" });
    await ctx.db.update(appeals).set({ restricted: true }).where(eq(appeals.id, secret.appealId));
    await classifyAppeal(ctx, registrar, { appealId: held.appealId, category: "general", holderUserId: reviewer.userId });

    expect((await searchAppeals(ctx, registrar, held.number.toLowerCase())).map((f) => f.number)).toEqual([held.number]);
    expect((await searchAppeals(ctx, registrar, "870615400228")).map((f) => f.number)).toEqual([held.number]);
    expect((await searchAppeals(ctx, registrar, "ахметов"))[0]).toMatchObject({ number: held.number, name: "Ахметов Дархан" });
    expect((await searchAppeals(ctx, registrar, "исполнительн")).map((f) => f.number)).toEqual([held.number]);
    await ctx.db.update(users).set({ clearance: true }).where(eq(users.id, registrar.userId));
    expect(await searchAppeals(ctx, { ...registrar, clearance: true }, "исполнительн")).toHaveLength(2);

    expect((await searchAppeals(ctx, reviewer, "исполнительн")).map((f) => f.number)).toEqual([held.number]);
    expect(await searchAppeals(ctx, other, "исполнительн")).toEqual([]);
    expect(await searchAppeals(ctx, other, "870615400228")).toEqual([]);
    expect(await refusal(searchAppeals(ctx, admin, "исполнительн"))).toBe("forbidden");
    expect(await refusal(searchAppeals(ctx, citizen, held.number))).toBe("staff_only");
    expect(await refusal(searchAppeals(ctx, registrar, "a"))).toBe("search_query_length");
    // A percent sign is looked for as itself, not as "anything".
    expect(await searchAppeals(ctx, registrar, "%%")).toEqual([]);

    const card = await staffAppealCard(ctx, reviewer, held.appealId);
    expect(card.applicant).toMatchObject({ fullName: "Ахметов Дархан", iin: "870615400228" });
    // Grouping mass appeals is the registry's: the reviewer works on what it is given.
    expect(card.may).toEqual({ draft: true, extend: true, group: false });
    expect(card.history.map((h) => h.kind)).toEqual(["registered", "classified"]);
    expect(await refusal(staffAppealCard(ctx, other, held.appealId))).toBe("forbidden");
    // Not even the owner sees the staff card: who holds it, the internal history.
    expect(await refusal(staffAppealCard(ctx, citizen, held.appealId))).toBe("staff_only");
    expect(await refusal(staffAppealCard(ctx, registrar, secret.appealId))).toBe("clearance_required");
    expect((await staffAppealCard(ctx, { ...registrar, clearance: true }, secret.appealId)).appeal.number).toBe(secret.number);
  });
});
