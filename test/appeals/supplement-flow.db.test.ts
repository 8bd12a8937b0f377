import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordUpload } from "../../core/appeals/attachments.js";
import { withdrawAppeal } from "../../core/appeals/citizen-actions.js";
import { myAppeal } from "../../core/appeals/citizen-view.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { eventsOf } from "../../core/appeals/events.js";
import { registerAppeal } from "../../core/appeals/register.js";
import {
  addSupplementFile,
  addSupplementText,
  beginSupplement,
  cancelSupplement,
  currentSupplement,
  sendSupplement,
} from "../../core/appeals/supplement-flow.js";
import type { Ctx } from "../../core/shared/context.js";
import type { Actor } from "../../core/shared/roles.js";
import { appealFiles, outbox } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterAll(() => tdb.dispose());

const TEXT = "Прошу разъяснить порядок ознакомления с материалами гражданского дела";

function register(ctx: Ctx, citizen: Actor) {
  return registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "application", text: TEXT, language: "ru", replyChannel: "chat" });
}

/** A file the citizen uploaded, as the bot records it after storing the bytes. */
function upload(ctx: Ctx, citizen: Actor, n: number) {
  return recordUpload(ctx, citizen, { sha256: n.toString(16).padStart(64, "0"), size: 1000 + n, fileName: `scan-${n}.pdf`, mimeType: "application/pdf", telegramFileId: null });
}

const refused = (code: string) => ({ code });

describe(`the supplement flow on ${dbKind}`, () => {
  it("gathers text parts and files and sends them as one supplement, telling the holder", async () => {
    const ctx = testCtx(tdb.database);
    const citizen = await signedUpCitizen(ctx, 8001);
    const registrar = await staffMember(ctx, 8101, "registrar");
    const { appealId, number } = await register(ctx, citizen);
    await classifyAppeal(ctx, registrar, { appealId, category: "court_proceedings" });

    expect((await beginSupplement(ctx, citizen, { appealId })).data).toEqual({ appealId, number, texts: [], fileIds: [] });
    await addSupplementText(ctx, citizen, { text: "  Номер дела 2-123/2026  " });
    const scan = await upload(ctx, citizen, 1);
    await addSupplementFile(ctx, citizen, { fileId: scan });
    await addSupplementFile(ctx, citizen, { fileId: scan });
    const gathered = await addSupplementText(ctx, citizen, { text: "Судья: Ахметов Б." });
    expect(gathered.data).toMatchObject({ texts: ["Номер дела 2-123/2026", "Судья: Ахметов Б."], fileIds: [scan] });

    expect(await sendSupplement(ctx, citizen)).toEqual({ appealId, number });
    expect(await currentSupplement(ctx, citizen)).toBeNull();
    const event = (await eventsOf(ctx.db, appealId)).at(-1)!;
    expect(event).toMatchObject({ kind: "supplemented", comment: "Номер дела 2-123/2026\n\nСудья: Ахметов Б.", data: { fileIds: [scan] } });
    expect(await ctx.db.select().from(appealFiles).where(eq(appealFiles.appealId, appealId))).toHaveLength(1);
    const notices = (await ctx.db.select().from(outbox)).filter((row) => row.chatId === registrar.telegramId && (row.payload as { key: string }).key === "staff.notice.supplement");
    // The holder reads the whole supplement in the notice.
    expect(notices.map((row) => row.payload)).toEqual([expect.objectContaining({ params: { number, text: "Номер дела 2-123/2026\n\nСудья: Ахметов Б.", files: 1 } })]);
  });

  it("sends one supplement when Send is pressed twice at once", async () => {
    const ctx = testCtx(tdb.database);
    const citizen = await signedUpCitizen(ctx, 8010);
    const { appealId } = await register(ctx, citizen);
    await beginSupplement(ctx, citizen, { appealId });
    await addSupplementText(ctx, citizen, { text: "Дополнение" });
    const results = await Promise.allSettled([sendSupplement(ctx, citizen), sendSupplement(ctx, citizen)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await eventsOf(ctx.db, appealId)).filter((e) => e.kind === "supplemented")).toHaveLength(1);
  });

  it("begins only for the citizen's own open appeal", async () => {
    const ctx = testCtx(tdb.database);
    const owner = await signedUpCitizen(ctx, 8002);
    const stranger = await signedUpCitizen(ctx, 8003);
    const { appealId } = await register(ctx, owner);
    await expect(beginSupplement(ctx, stranger, { appealId })).rejects.toMatchObject(refused("appeal_not_found"));
    expect(await currentSupplement(ctx, stranger)).toBeNull();
    await withdrawAppeal(ctx, owner, { appealId });
    await expect(beginSupplement(ctx, owner, { appealId })).rejects.toMatchObject(refused("appeal_closed"));
    expect(await currentSupplement(ctx, owner)).toBeNull();
  });

  it("keeps to 10 files and 10,000 characters in all, refusing what would pass them", async () => {
    const ctx = testCtx(tdb.database);
    const citizen = await signedUpCitizen(ctx, 8004);
    const { appealId } = await register(ctx, citizen);
    await beginSupplement(ctx, citizen, { appealId });
    for (let n = 1; n <= 10; n++) await addSupplementFile(ctx, citizen, { fileId: await upload(ctx, citizen, 100 + n) });
    const eleventh = await upload(ctx, citizen, 111);
    await expect(addSupplementFile(ctx, citizen, { fileId: eleventh })).rejects.toMatchObject({ code: "too_many_files", params: { max: 10 } });

    await addSupplementText(ctx, citizen, { text: "а".repeat(6_000) });
    // 6,000 + the blank line between parts + 3,999 = 10,001.
    await expect(addSupplementText(ctx, citizen, { text: "б".repeat(3_999) })).rejects.toMatchObject({
      code: "text_too_long",
      params: { length: 10_001, max: 10_000 },
    });
    await addSupplementText(ctx, citizen, { text: "б".repeat(3_998) });
    const state = await currentSupplement(ctx, citizen);
    expect(state?.data.fileIds).toHaveLength(10);
    expect(state?.data.texts.map((part) => part.length)).toEqual([6_000, 3_998]);
    await sendSupplement(ctx, citizen);
    expect((await myAppeal(ctx, citizen, { appealId })).files).toBe(10);
  });

  it("refuses an empty supplement and keeps the flow open for more", async () => {
    const ctx = testCtx(tdb.database);
    const citizen = await signedUpCitizen(ctx, 8005);
    const { appealId } = await register(ctx, citizen);
    await beginSupplement(ctx, citizen, { appealId });
    await expect(addSupplementText(ctx, citizen, { text: "   " })).rejects.toMatchObject(refused("supplement_empty"));
    await expect(sendSupplement(ctx, citizen)).rejects.toMatchObject(refused("supplement_empty"));
    expect(await currentSupplement(ctx, citizen)).not.toBeNull();
    expect((await eventsOf(ctx.db, appealId)).map((e) => e.kind)).toEqual(["registered"]);
  });

  it("ends the flow with the refusal when the appeal closed before the supplement was sent", async () => {
    const ctx = testCtx(tdb.database);
    const citizen = await signedUpCitizen(ctx, 8006);
    const { appealId } = await register(ctx, citizen);
    await beginSupplement(ctx, citizen, { appealId });
    await addSupplementText(ctx, citizen, { text: "Дополнение" });
    await withdrawAppeal(ctx, citizen, { appealId });
    await expect(sendSupplement(ctx, citizen)).rejects.toMatchObject(refused("appeal_closed"));
    expect(await currentSupplement(ctx, citizen)).toBeNull();
    expect((await eventsOf(ctx.db, appealId)).map((e) => e.kind)).toEqual(["registered", "withdrawn"]);
  });

  it("resumes for the same appeal, starts afresh for another, and forgets everything on cancel", async () => {
    const ctx = testCtx(tdb.database);
    const citizen = await signedUpCitizen(ctx, 8007);
    const first = await register(ctx, citizen);
    const second = await register(ctx, citizen);
    await beginSupplement(ctx, citizen, { appealId: first.appealId });
    await addSupplementText(ctx, citizen, { text: "Первая часть" });
    expect((await beginSupplement(ctx, citizen, { appealId: first.appealId })).data.texts).toEqual(["Первая часть"]);
    expect((await beginSupplement(ctx, citizen, { appealId: second.appealId })).data).toMatchObject({ appealId: second.appealId, texts: [] });
    await cancelSupplement(ctx, citizen);
    expect(await currentSupplement(ctx, citizen)).toBeNull();
    await expect(addSupplementText(ctx, citizen, { text: "поздно" })).rejects.toMatchObject(refused("stale_button"));
    await expect(sendSupplement(ctx, citizen)).rejects.toMatchObject(refused("stale_button"));
  });
});
