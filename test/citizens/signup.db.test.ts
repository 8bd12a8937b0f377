import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerSignup, beginSignup, currentSignup } from "../../core/citizens/signup.js";
import { getProfile } from "../../core/citizens/profile.js";
import { answerProfileEdit, beginProfileEdit } from "../../core/citizens/profile-edit.js";
import { identify } from "../../core/people/users.js";
import { consents } from "../../db/schema/index.js";
import { testCtx } from "../support/core.js";
import { refusal } from "../support/refusal.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";

const CONSENT = "The operator of your personal data is the Judicial Administration (BIN 000000000000). What we collect…";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterAll(() => tdb.dispose());

describe(`citizen sign-up on ${dbKind}`, () => {
  it("walks an individual from language to a saved profile, with consent stored by version and time", async () => {
    const ctx = testCtx(tdb.database);
    const actor = await identify(ctx, { telegramId: 5001, languageCode: "ru-RU" });
    expect(actor.language).toBe("ru");
    expect((await beginSignup(ctx, actor)).step).toBe("language");
    expect((await answerSignup(ctx, actor, { type: "language", language: "kk" })).step).toBe("consent");
    expect((await answerSignup(ctx, actor, { type: "consent", accepted: true, text: CONSENT, language: "kk" })).step).toBe("kind");
    expect((await answerSignup(ctx, actor, { type: "kind", kind: "individual" })).step).toBe("fullName");
    expect((await answerSignup(ctx, actor, { type: "text", text: "  Серікқызы   Айгерім  " })).step).toBe("iin");
    expect((await answerSignup(ctx, actor, { type: "text", text: "870615 400228" })).step).toBe("phone");
    const done = await answerSignup(ctx, actor, { type: "contact", phone: "77011234567", contactUserId: 5001 });

    expect(done.step).toBe("done");
    const me = await identify(ctx, { telegramId: 5001 });
    expect(me.language).toBe("kk");
    expect(await getProfile(ctx, me)).toEqual({
      kind: "individual",
      fullName: "Серікқызы Айгерім",
      iin: "870615400228",
      bin: null,
      organization: null,
      phone: "+77011234567",
    });
    const [consent] = await ctx.db.select().from(consents);
    expect(consent).toMatchObject({ userId: me.userId, language: "kk", text: CONSENT });
    expect(consent!.acceptedAt.toISOString()).toBe(ctx.clock.now().toISOString());
    expect(await currentSignup(ctx, me)).toBeNull();
  });

  it("asks a legal entity for BIN and organisation, and Back returns one step", async () => {
    const ctx = testCtx(tdb.database);
    const actor = await identify(ctx, { telegramId: 5002 });
    await beginSignup(ctx, actor);
    await answerSignup(ctx, actor, { type: "language", language: "ru" });
    await answerSignup(ctx, actor, { type: "consent", accepted: true, text: CONSENT, language: "kk" });
    await answerSignup(ctx, actor, { type: "kind", kind: "legal" });
    expect((await answerSignup(ctx, actor, { type: "text", text: "Петров Иван" })).step).toBe("bin");
    expect((await answerSignup(ctx, actor, { type: "back" })).step).toBe("fullName");
    await answerSignup(ctx, actor, { type: "text", text: "Петров Иван" });
    expect(await refusal(answerSignup(ctx, actor, { type: "text", text: "870615400228" }))).toBe("bin_entity_type");
    expect((await answerSignup(ctx, actor, { type: "text", text: "040840300024" })).step).toBe("organization");
    expect((await answerSignup(ctx, actor, { type: "text", text: "ТОО «Дала»" })).step).toBe("phone");
    await answerSignup(ctx, actor, { type: "contact", phone: "+7 701 000 00 01", contactUserId: 5002 });
    expect(await getProfile(ctx, actor)).toMatchObject({ kind: "legal", bin: "040840300024", organization: "ТОО «Дала»", iin: null });
  });

  it("refuses wrong answers with a reason and keeps the step and data as they were", async () => {
    const ctx = testCtx(tdb.database);
    const actor = await identify(ctx, { telegramId: 5003 });
    await beginSignup(ctx, actor);
    expect(await refusal(answerSignup(ctx, actor, { type: "text", text: "hello" }))).toBe("use_buttons");
    await answerSignup(ctx, actor, { type: "language", language: "kk" });
    expect(await refusal(answerSignup(ctx, actor, { type: "language", language: "ru" }))).toBe("stale_button");
    const declined = await answerSignup(ctx, actor, { type: "consent", accepted: false, text: CONSENT, language: "kk" });
    expect(declined).toMatchObject({ step: "consent", declined: true });
    await answerSignup(ctx, actor, { type: "consent", accepted: true, text: CONSENT, language: "kk" });
    await answerSignup(ctx, actor, { type: "kind", kind: "individual" });
    expect(await refusal(answerSignup(ctx, actor, { type: "text", text: "А" }))).toBe("full_name_length");
    expect(await refusal(answerSignup(ctx, actor, { type: "text", text: "Я".repeat(300) }))).toBe("full_name_length");
    expect(await refusal(answerSignup(ctx, actor, { type: "text", text: "R2-D2" }))).toBe("full_name_chars");
    await answerSignup(ctx, actor, { type: "text", text: "Nurlan Abenov" });
    expect(await refusal(answerSignup(ctx, actor, { type: "text", text: "87061540022A" }))).toBe("iin_digits");
    expect(await refusal(answerSignup(ctx, actor, { type: "text", text: "870615400227" }))).toBe("iin_checksum");
    await answerSignup(ctx, actor, { type: "text", text: "951231400062" });
    expect(await refusal(answerSignup(ctx, actor, { type: "text", text: "+77010000000" }))).toBe("expects_contact");
    expect(await refusal(answerSignup(ctx, actor, { type: "contact", phone: "+77010000000", contactUserId: 9999 }))).toBe(
      "contact_not_own",
    );
    expect(await refusal(answerSignup(ctx, actor, { type: "contact", phone: "+77010000000" }))).toBe("contact_not_own");
    const state = await currentSignup(ctx, actor);
    expect(state).toMatchObject({ step: "phone", data: { kind: "individual", fullName: "Nurlan Abenov", iin: "951231400062" } });
    expect(await getProfile(ctx, actor)).toBeNull();
  });

  it("resumes at the saved step when /start is sent again, and skips consent already given", async () => {
    const ctx = testCtx(tdb.database);
    const actor = await identify(ctx, { telegramId: 5004 });
    await beginSignup(ctx, actor);
    await answerSignup(ctx, actor, { type: "language", language: "ru" });
    await answerSignup(ctx, actor, { type: "consent", accepted: true, text: CONSENT, language: "kk" });
    await answerSignup(ctx, actor, { type: "kind", kind: "individual" });
    expect((await beginSignup(ctx, actor)).step).toBe("fullName");
    await answerSignup(ctx, actor, { type: "back" });
    await answerSignup(ctx, actor, { type: "back" });
    expect((await answerSignup(ctx, actor, { type: "back" })).step).toBe("language");
    expect((await answerSignup(ctx, actor, { type: "language", language: "kk" })).step).toBe("kind");
  });

  it("edits one profile field with the same rules, and only the owner's profile", async () => {
    const ctx = testCtx(tdb.database);
    const actor = await identify(ctx, { telegramId: 5001 });
    await beginProfileEdit(ctx, actor, "iin");
    expect(await refusal(answerProfileEdit(ctx, actor, { type: "text", text: "123" }))).toBe("iin_length");
    const updated = await answerProfileEdit(ctx, actor, { type: "text", text: "000101500120" });
    expect(updated.iin).toBe("000101500120");
    expect(await refusal(beginProfileEdit(ctx, actor, "bin"))).toBe("stale_button");
    const stranger = await identify(ctx, { telegramId: 5999 });
    expect(await refusal(beginProfileEdit(ctx, stranger, "iin"))).toBe("profile_missing");
  });
});
