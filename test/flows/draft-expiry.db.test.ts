import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../locales/index.js";
import { recordUpload } from "../../core/appeals/attachments.js";
import { answerIntake, beginIntake, currentIntake } from "../../core/appeals/intake.js";
import { registerAppeal } from "../../core/appeals/register.js";
import { addSupplementFile, addSupplementText, beginSupplement, currentSupplement } from "../../core/appeals/supplement-flow.js";
import { expireIdleFlows } from "../../core/flows/expiry.js";
import type { Ctx } from "../../core/shared/context.js";
import type { Actor } from "../../core/shared/roles.js";
import { outbox } from "../../db/schema/index.js";
import { signedUpCitizen } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterAll(() => tdb.dispose());

const DAY_MS = 24 * 60 * 60 * 1000;

/** A scan the citizen uploaded, as the bot records it after storing the bytes. */
function upload(ctx: Ctx, citizen: Actor, n: number) {
  return recordUpload(ctx, citizen, { sha256: n.toString(16).padStart(64, "0"), size: 1000 + n, fileName: `scan-${n}.pdf`, mimeType: "application/pdf", telegramFileId: null });
}

async function intakeDraft(ctx: Ctx, citizen: Actor, withFile: boolean) {
  await beginIntake(ctx, citizen);
  await answerIntake(ctx, citizen, { type: "appeal_type", value: "complaint" });
  await answerIntake(ctx, citizen, { type: "text", text: "Сот мәжілісі екі рет себепсіз кейінге қалдырылды." });
  if (withFile) await answerIntake(ctx, citizen, { type: "file", fileId: await upload(ctx, citizen, citizen.telegramId) });
}

async function supplementDraft(ctx: Ctx, citizen: Actor, withFile: boolean) {
  const { appealId } = await registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "application", text: "Іс материалдарымен танысуға рұқсат сұраймын.", language: "kk", replyChannel: "chat" });
  await beginSupplement(ctx, citizen, { appealId });
  if (withFile) await addSupplementFile(ctx, citizen, { fileId: await upload(ctx, citizen, citizen.telegramId + 1) });
  else await addSupplementText(ctx, citizen, { text: "Іс нөмірі: 2-123/2026" });
}

/** What the person will be told: each outbox row's text as the bot renders it. */
async function noticesTo(ctx: Ctx, citizen: Actor): Promise<string[]> {
  const rows = (await ctx.db.select().from(outbox)).filter((row) => row.chatId === citizen.telegramId);
  return rows.map((row) => {
    const { key, params } = row.payload as { key: string; params: Record<string, string> };
    return translator("kk")(key, params);
  });
}

describe(`drafts left idle on ${dbKind}`, () => {
  it("warns once a week ahead about an intake draft or a supplement holding files, then removes every idle draft after 30 days", async () => {
    const ctx = testCtx(tdb.database);
    const withFiles = await signedUpCitizen(ctx, 7001);
    const withoutFiles = await signedUpCitizen(ctx, 7002);
    for (const [citizen, files] of [[withFiles, true], [withoutFiles, false]] as const) {
      await intakeDraft(ctx, citizen, files);
      await supplementDraft(ctx, citizen, files);
    }

    // Touched on 2 March at 09:00 in Almaty: 23 days later each draft with files has a week left.
    ctx.clock.advance(23 * DAY_MS);
    await expireIdleFlows(ctx);
    await expireIdleFlows(ctx);
    const t = translator("kk");
    const warnings = await noticesTo(ctx, withFiles);
    expect(warnings.sort()).toEqual([t("flow.expiry_warning.intake", { date: "01.04.2026" }), t("flow.expiry_warning.supplement", { date: "01.04.2026" })].sort());
    expect(warnings.every((text) => text.includes("01.04.2026"))).toBe(true);
    expect(await noticesTo(ctx, withoutFiles)).toEqual([]);
    expect(await currentIntake(ctx, withFiles)).not.toBeNull();
    expect(await currentSupplement(ctx, withFiles)).not.toBeNull();

    ctx.clock.advance(7 * DAY_MS);
    await expireIdleFlows(ctx);
    for (const citizen of [withFiles, withoutFiles]) {
      expect(await currentIntake(ctx, citizen)).toBeNull();
      expect(await currentSupplement(ctx, citizen)).toBeNull();
    }
    expect(await noticesTo(ctx, withFiles)).toHaveLength(2);
  });
});
