import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMyAppeals } from "../../core/appeals/citizen-view.js";
import { answerIntake, beginIntake, currentIntake } from "../../core/appeals/intake.js";
import { signedUpCitizen } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";
import { refusal } from "../support/refusal.js";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterAll(() => tdb.dispose());

describe(`intake flow on ${dbKind}`, () => {
  it("joins a long text that arrives in several messages, up to the limit", async () => {
    const ctx = testCtx(tdb.database);
    const citizen = await signedUpCitizen(ctx, 8001);
    await beginIntake(ctx, citizen);
    await answerIntake(ctx, citizen, { type: "appeal_type", value: "complaint" });
    await answerIntake(ctx, citizen, { type: "text", text: "а".repeat(4096) });
    const joined = await answerIntake(ctx, citizen, { type: "text", text: "б".repeat(4000) });
    expect(joined.step).toBe("files");
    expect(joined.step !== "registered" && joined.data.text).toBe(`${"а".repeat(4096)}\n${"б".repeat(4000)}`);
    expect(await refusal(answerIntake(ctx, citizen, { type: "text", text: "в".repeat(2000) }))).toBe("text_too_long");
    expect((await currentIntake(ctx, citizen))?.data.text?.length).toBe(8097);
  });

  it("registers once for a repeated Confirm and refuses a Confirm of another draft", async () => {
    const ctx = testCtx(tdb.database);
    const citizen = await signedUpCitizen(ctx, 8002);
    const start = await beginIntake(ctx, citizen);
    const draftId = start.data.draftId;
    expect(await refusal(answerIntake(ctx, citizen, { type: "file", fileId: 1 }))).toBe("files_not_now");
    await answerIntake(ctx, citizen, { type: "appeal_type", value: "request" });
    expect(await refusal(answerIntake(ctx, citizen, { type: "file", fileId: 1 }))).toBe("text_before_files");
    await answerIntake(ctx, citizen, { type: "text", text: "Прошу сообщить дату судебного заседания по делу 2-55/2026." });
    await answerIntake(ctx, citizen, { type: "files_done" });
    await answerIntake(ctx, citizen, { type: "language", value: "ru" });
    await answerIntake(ctx, citizen, { type: "channel", value: "chat" });
    expect(await refusal(answerIntake(ctx, citizen, { type: "confirm", draftId: "00000000-0000-4000-8000-000000000000" }))).toBe("stale_button");
    const first = await answerIntake(ctx, citizen, { type: "confirm", draftId });
    const second = await answerIntake(ctx, citizen, { type: "confirm", draftId });
    expect(first).toMatchObject({ step: "registered", again: false });
    expect(second).toMatchObject({ step: "registered", again: true });
    expect((await listMyAppeals(ctx, citizen)).total).toBe(1);
    // An old button for a page past the end still says how many there are.
    expect(await listMyAppeals(ctx, citizen, { page: 3 })).toMatchObject({ items: [], page: 3, pages: 1, total: 1 });
  });
});
