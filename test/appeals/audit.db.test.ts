import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveDraft, pendingDraft, returnDraft, submitDraft } from "../../core/appeals/answer.js";
import { auditTrail } from "../../core/appeals/audit.js";
import { supplementAppeal } from "../../core/appeals/citizen-actions.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { registerAppeal } from "../../core/appeals/register.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { users } from "../../db/schema/index.js";
import { eq } from "drizzle-orm";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";
import { refusal } from "../support/refusal.js";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterAll(() => tdb.dispose());

describe(`audit trail on ${dbKind}`, () => {
  it("lists every step with who did it, hiding what the citizen wrote, and only for those allowed", async () => {
    const ctx = testCtx(tdb.database);
    const citizen = await signedUpCitizen(ctx, 9001);
    const registrar = await staffMember(ctx, 9101, "registrar");
    const head = await staffMember(ctx, 9102, "head");
    await ctx.db.update(users).set({ fullName: "Бауыржан Исабеков" }).where(eq(users.id, head.userId));
    const { appealId, number } = await registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "request", text: "Құпия мәтін", language: "kk", replyChannel: "chat" });
    await supplementAppeal(ctx, citizen, { appealId, text: "Азаматтың жеке толықтыруы" });
    await classifyAppeal(ctx, registrar, { appealId, category: "general" });
    await submitDraft(ctx, registrar, { appealId, text: "Жоба", outcome: "explained" });
    await returnDraft(ctx, head, { appealId, comment: "Негізін көрсетіңіз" });
    await submitDraft(ctx, registrar, { appealId, text: "Жоба 2", outcome: "explained" });
    await approveDraft(ctx, head, { appealId, answerId: (await pendingDraft(ctx.db, appealId))!.id });

    const trail = await auditTrail(ctx, CONSOLE_OPERATOR, number.toLowerCase());
    expect(trail.lines.map((l) => l.kind)).toEqual(["registered", "supplemented", "classified", "draft_submitted", "returned", "draft_submitted", "approved"]);
    expect(trail.lines[1]).toMatchObject({ actor: { role: "citizen", name: null }, comment: null });
    expect(trail.lines[4]).toMatchObject({ actor: { role: "head", name: "Бауыржан Исабеков" }, comment: "Негізін көрсетіңіз", from: "awaiting_approval", to: "in_review" });
    expect(trail.lines[6]).toMatchObject({ authority: { userId: head.userId }, to: "answered" });
    expect(await refusal(auditTrail(ctx, citizen, number))).toBe("staff_only");
    expect(await refusal(auditTrail(ctx, registrar, "ЖТ-2026-999999"))).toBe("appeal_not_found");
  });
});
