import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordUpload } from "../../core/appeals/attachments.js";
import { eventsOf } from "../../core/appeals/events.js";
import { registerAppeal } from "../../core/appeals/register.js";
import { approveAct } from "../../core/registry/destruction-acts.js";
import { supplementAppeal } from "../../core/appeals/citizen-actions.js";
import { correctEntry } from "../../core/registry/correct.js";
import { addEntry } from "../../core/registry/entries.js";
import { enqueue } from "../../core/outbox/enqueue.js";
import { destructionActJob, erasureJob } from "../../core/registry/jobs.js";
import { parseNomenclatureFile } from "../../core/registry/nomenclature-file.js";
import { importNomenclature, showNomenclature } from "../../core/registry/nomenclature.js";
import { refileRecord } from "../../core/registry/refile.js";
import type { Actor } from "../../core/shared/roles.js";
import { appeals, destructionActs, journalEntries, journalEntryEvents, outbox, storedFiles } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";
import { pdf } from "../support/sample-files.js";

let tdb: TestDatabase;
let ctx: ReturnType<typeof testCtx>;
let registrar: Actor;
let head: Actor;
beforeAll(async () => {
  tdb = await openTestDatabase();
  ctx = testCtx(tdb.database, "2021-03-10T10:00:00+05:00");
  registrar = await staffMember(ctx, 9501, "registrar");
  head = await staffMember(ctx, 9502, "head");
});
afterAll(() => tdb.dispose());

const NOMENCLATURE_2021 = [
  "index,title,retention_years,articles,holds",
  "01-03,Appeals of individuals and legal entities,5,,appeals",
  "01-01,Incoming correspondence,permanent,,incoming",
].join("\n");

/** A file of the person's own upload, by its content. */
async function upload(owner: Actor, mark: string): Promise<{ id: number; sha256: string }> {
  const { sha256, size } = await ctx.files.save(pdf(mark));
  const id = await recordUpload(ctx, owner, { sha256, size, fileName: `${mark}.pdf`, mimeType: "application/pdf", telegramFileId: "tg-file" });
  return { id, sha256 };
}

async function appeal(owner: Actor, text: string, fileIds: number[]) {
  const { appealId } = await registerAppeal(ctx, owner, { draftId: randomUUID(), type: "complaint", text, fileIds, language: "ru", replyChannel: "post", postalAddress: "г. Астана, ул. Кенесары, 12, кв. 5" });
  return appealId;
}

const appealRow = async (id: number) => (await ctx.db.select().from(appeals).where(eq(appeals.id, id)))[0]!;
const entryRow = async (id: number) => (await ctx.db.select().from(journalEntries).where(eq(journalEntries.id, id)))[0]!;
const entryEvents = (id: number) => ctx.db.select().from(journalEntryEvents).where(eq(journalEntryEvents.entryId, id));

describe(`retention of the nomenclature's cases on ${dbKind}`, () => {
  it("erases the personal data of an expired case under the approved act, keeps its journal line and leaves the permanent case alone", async () => {
    const ivanov = await signedUpCitizen(ctx, 9511, { fullName: "Иванов Иван", iin: "870615400228", phone: "+77011112233" });
    const petrova = await signedUpCitizen(ctx, 9512, { fullName: "Петрова Анна", iin: "900101400125", phone: "+77014445566" });
    const own = await upload(ivanov, "ivanov-passport");
    const shared = await upload(ivanov, "court-decision");
    // Registered before the year's nomenclature: filed when it is imported.
    const early = await appeal(ivanov, "Жалоба Иванова на волокиту.", [own.id, shared.id]);
    expect((await appealRow(early)).caseId).toBeNull();

    const imported = await importNomenclature(ctx, registrar, { year: 2021, rows: parseNomenclatureFile(NOMENCLATURE_2021) });
    expect(imported).toMatchObject({ added: ["01-03", "01-01"], filed: { appeals: 1, entries: 0 } });
    const cases2021 = await showNomenclature(ctx, registrar, { year: 2021 });
    const appealsCase = cases2021.find((c) => c.index === "01-03")!;
    const permanentCase = cases2021.find((c) => c.index === "01-01")!;
    expect((await appealRow(early)).caseId).toBe(appealsCase.id);
    expect((await eventsOf(ctx.db, early)).at(-1)).toMatchObject({ kind: "filed", data: { case: "01-03" } });

    // Petrova's appeal goes to the permanent case by hand; it shares one file's content with Ivanov's.
    const kept = await appeal(petrova, "Обращение Петровой.", [(await upload(petrova, "court-decision")).id]);
    expect(await refileRecord(ctx, registrar, { record: { kind: "appeal", id: kept }, caseId: permanentCase.id })).toEqual({ changed: true, case: "01-01" });
    expect(await refileRecord(ctx, registrar, { record: { kind: "appeal", id: kept }, caseId: permanentCase.id })).toEqual({ changed: false, case: "01-01" });
    const letter = await upload(registrar, "ivanov-letter");
    const line = await addEntry(ctx, registrar, { journal: "incoming", correspondent: "Иванов Иван, г. Астана", summary: "Дополнение к жалобе", caseId: appealsCase.id, fileIds: [letter.id] });
    const permanentLine = await addEntry(ctx, registrar, { journal: "incoming", correspondent: "Петрова Анна", summary: "Письмо" });
    expect((await entryRow(permanentLine.id)).caseId).toBe(permanentCase.id);
    // Free text in the trails: the applicant's own words, and a correction keeping the old correspondent.
    await supplementAppeal(ctx, ivanov, { appealId: early, text: "Иванов Иван, телефон +77011112233, дополняю жалобу." });
    await correctEntry(ctx, registrar, { entryId: line.id, correspondent: "Иванов И., г. Астана", reason: "Иванов Иван просил исправить" });
    const before = await entryRow(line.id);

    // Kept through 2026: nothing is due on New Year's Eve, nor on the first days off of 2027.
    ctx.clock.set("2026-12-31T09:10:00+05:00");
    expect(await destructionActJob.run(ctx)).toBe(0);
    ctx.clock.set("2027-01-02T09:10:00+05:00");
    expect(await destructionActJob.run(ctx)).toBe(0);
    ctx.clock.set("2027-01-04T09:10:00+05:00");
    expect(await destructionActJob.run(ctx)).toBe(1);
    expect(await destructionActJob.run(ctx)).toBe(0);
    const [act] = await ctx.db.select().from(destructionActs);
    expect(act).toMatchObject({ number: "АКТ-2027-000001", year: 2027, caseIds: [appealsCase.id], approvedAt: null });
    const notices = (await ctx.db.select().from(outbox)).filter((o) => o.dedupeKey.startsWith("retention:act:"));
    const payloads = notices.map((n) => [n.chatId, n.payload as { key: string; keyboard?: { ref: number } }] as const);
    expect(payloads.map(([chatId, p]) => [chatId, p.key, p.keyboard?.ref ?? null]).sort()).toEqual([
      [9501, "nomenclature.notice.act_drafted", null],
      [9502, "nomenclature.notice.act_to_approve", act!.id],
    ]);

    // What the citizens were told, sent a week ago: about the expiring case's appeal and the permanent one's.
    const told = async (appealId: number, name: string) => {
      await enqueue(ctx, ctx.db, { dedupeKey: `test:told:${appealId}`, chatId: 9511, language: "ru", appealId, key: "appeal.notice.answered", params: { outcome: "satisfied", text: `${name}, ваше обращение рассмотрено.` } });
      await ctx.db.update(outbox).set({ status: "sent", sentAt: ctx.clock.now() }).where(eq(outbox.dedupeKey, `test:told:${appealId}`));
    };
    await told(early, "Иванов Иван");
    await told(kept, "Петрова Анна");
    const toldOf = async (appealId: number) => (await ctx.db.select().from(outbox).where(eq(outbox.dedupeKey, `test:told:${appealId}`)))[0]!;

    // Nothing is erased until the Head approves; a registrar cannot.
    expect(await erasureJob.run(ctx)).toBe(0);
    await expect(approveAct(ctx, registrar, { number: act!.number })).rejects.toMatchObject({ code: "forbidden" });
    await approveAct(ctx, head, { number: act!.number });
    await expect(approveAct(ctx, head, { actId: act!.id })).rejects.toMatchObject({ code: "act_already_approved" });
    expect(await erasureJob.run(ctx)).toBe(3);

    const erased = await appealRow(early);
    expect(erased.applicant).toEqual({ kind: "individual", fullName: "***", iin: null, bin: null, organization: null, phone: "***" });
    expect(erased).toMatchObject({ text: "", postalAddress: "", caseId: appealsCase.id });
    expect(erased.erasedAt).not.toBeNull();
    expect((await eventsOf(ctx.db, early)).at(-1)).toMatchObject({ kind: "erased", comment: act!.number, authorityUserId: head.userId, data: { act: act!.number } });

    const erasedLine = await entryRow(line.id);
    expect(erasedLine).toMatchObject({ number: before.number, entryDate: before.entryDate, journal: "incoming", summary: "Дополнение к жалобе", caseId: appealsCase.id, correspondent: "***" });
    expect(erasedLine.erasedAt).not.toBeNull();
    expect((await entryEvents(line.id)).map((e) => [e.kind, e.reason])).toEqual([["registered", null], ["corrected", "***"], ["erased", act!.number]]);
    // Nothing of Ivanov stays in either trail, while the trails keep every event.
    const trails = JSON.stringify([await eventsOf(ctx.db, early), await entryEvents(line.id)]);
    expect(trails).not.toMatch(/Иванов|77011112233/);
    expect((await eventsOf(ctx.db, early)).map((e) => e.kind)).toContain("supplemented");

    // Bytes only Ivanov's records used are gone (rows stay, nameless); content Petrova's appeal uses stays.
    expect(existsSync(ctx.files.pathOf(own.sha256))).toBe(false);
    expect(existsSync(ctx.files.pathOf(letter.sha256))).toBe(false);
    expect(existsSync(ctx.files.pathOf(shared.sha256))).toBe(true);
    expect((await ctx.db.select().from(storedFiles).where(eq(storedFiles.id, own.id)))[0]).toMatchObject({ fileName: "erased", telegramFileId: null });

    // The message about the erased appeal lost its text whatever its age; the other kept its own.
    expect((await toldOf(early)).payload).toEqual({ key: "appeal.notice.answered", params: {}, fileIds: [] });
    expect((await toldOf(kept)).payload).toMatchObject({ params: { text: "Петрова Анна, ваше обращение рассмотрено." } });

    expect((await appealRow(kept)).applicant).toMatchObject({ fullName: "Петрова Анна", iin: "900101400125" });
    expect((await appealRow(kept)).erasedAt).toBeNull();
    expect(await entryRow(permanentLine.id)).toMatchObject({ correspondent: "Петрова Анна", erasedAt: null });
    expect((await ctx.db.select().from(destructionActs))[0]!.erasedAt).not.toBeNull();

    // A second run writes nothing, and an erased record stays in the case its act destroyed.
    const trail = (await eventsOf(ctx.db, early)).length;
    expect(await erasureJob.run(ctx)).toBe(0);
    expect(await destructionActJob.run(ctx)).toBe(0);
    expect(await eventsOf(ctx.db, early)).toHaveLength(trail);
    await expect(refileRecord(ctx, registrar, { record: { kind: "appeal", id: early }, caseId: permanentCase.id })).rejects.toMatchObject({ code: "record_erased" });
  });

  it("re-files only within the record's year, and hides documents for official use from the uncleared", async () => {
    ctx.clock.set("2026-03-10T10:00:00+05:00");
    await importNomenclature(ctx, registrar, { year: 2026, rows: parseNomenclatureFile("index,title,retention_years,articles,holds\n01-07,ДСП,5,,restricted\n01-02,Control,5,,") });
    const cases = await showNomenclature(ctx, registrar, { year: 2026 });
    const cleared = { ...registrar, clearance: true };
    const secret = await addEntry(ctx, cleared, { journal: "restricted", correspondent: "Министерство", summary: "ДСП" });
    const control = cases.find((c) => c.index === "01-02")!;
    await expect(refileRecord(ctx, registrar, { record: { kind: "entry", id: secret.id }, caseId: control.id })).rejects.toMatchObject({ code: "record_not_found" });
    expect(await refileRecord(ctx, cleared, { record: { kind: "entry", id: secret.id }, caseId: control.id })).toEqual({ changed: true, case: "01-02" });
    expect((await entryEvents(secret.id)).at(-1)).toMatchObject({ kind: "filed", data: { from: "01-07", case: "01-02" } });

    const older = (await showNomenclature(ctx, registrar, { year: 2021 }))[0]!;
    await expect(refileRecord(ctx, cleared, { record: { kind: "entry", id: secret.id }, caseId: older.id })).rejects.toMatchObject({ code: "case_other_year", params: { year: 2026 } });
  });
});
