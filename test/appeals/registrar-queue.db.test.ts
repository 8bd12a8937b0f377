import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordUpload } from "../../core/appeals/attachments.js";
import { nextInQueue, queuePlace } from "../../core/appeals/registrar-queue.js";
import { registerAppeal } from "../../core/appeals/register.js";
import type { Receipt } from "../../core/appeals/receipt.js";
import { appeals } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterAll(() => tdb.dispose());

describe(`the registrar's queue on ${dbKind}`, () => {
  it("shows the oldest appeal no colleague took, with its files and its place among all new appeals", async () => {
    const ctx = testCtx(tdb.database, "2026-03-02T09:00:00+05:00");
    const citizen = await signedUpCitizen(ctx, 8501);
    const me = await staffMember(ctx, 8601, "registrar");
    const colleague = await staffMember(ctx, 8602, "registrar");
    const filed: Receipt[] = [];
    for (const files of [0, 2, 1]) {
      const fileIds: number[] = [];
      for (let n = 0; n < files; n++)
        fileIds.push(await recordUpload(ctx, citizen, { sha256: `${filed.length}${n}`.padStart(64, "0"), size: 1000, fileName: `scan-${n}.pdf`, mimeType: "application/pdf", telegramFileId: null }));
      filed.push(await registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "request", text: `Обращение ${filed.length + 1}`, language: "ru", replyChannel: "chat", fileIds }));
      ctx.clock.advance(10 * 60_000);
    }
    // The oldest is the colleague's to route.
    await ctx.db.update(appeals).set({ holderUserId: colleague.userId }).where(eq(appeals.id, filed[0]!.appealId));

    const mine = await nextInQueue(ctx, me);
    expect(mine?.item).toMatchObject({ number: filed[1]!.number, filesCount: 2 });
    expect(mine?.place).toEqual({ position: 2, total: 3 });
    const theirs = await nextInQueue(ctx, colleague);
    expect(theirs?.item).toMatchObject({ number: filed[0]!.number, filesCount: 0 });
    expect(theirs?.place).toEqual({ position: 1, total: 3 });
    expect(await queuePlace(ctx, me, { id: filed[2]!.appealId, receivedAt: filed[2]!.receivedAt })).toEqual({ position: 3, total: 3 });

    await ctx.db.update(appeals).set({ holderUserId: colleague.userId }).where(eq(appeals.citizenUserId, citizen.userId));
    expect(await nextInQueue(ctx, me)).toBeNull();
  });
});
