import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { eq, inArray, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePeriod } from "../../core/analytics/period.js";
import { practiceNoteJob } from "../../core/analytics/jobs.js";
import { practiceNote, type PracticeNote } from "../../core/analytics/practice-note.js";
import { renderPracticeNote } from "../../core/analytics/practice-note-pdf.js";
import { approveDraft, pendingDraft, submitDraft } from "../../core/appeals/answer.js";
import { rateAnswer } from "../../core/appeals/citizen-actions.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import type { AppealCategory, DecisionOutcome } from "../../core/appeals/kinds.js";
import { registerAppeal } from "../../core/appeals/register.js";
import { subjectKey } from "../../core/appeals/subject.js";
import { setRestricted } from "../../core/registry/restrict.js";
import type { Actor } from "../../core/shared/roles.js";
import { rowsOf } from "../../db/rows.js";
import { calendarDays, numberSequences, outbox, storedFiles, units, users } from "../../db/schema/index.js";
import { seedAppealYear } from "../support/appeal-year.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";
import { pdfText, popplerMissing, skipPdfText } from "../support/pdf-text.js";

const SEEDED = 400;
const QUARTER = parsePeriod("2026-Q4");
/** The same words each time: the repeated-appeal detector flags the later ones. */
const REPEATED_TEXT = "Прошу ускорить исполнение решения районного суда о взыскании алиментов";

let tdb: TestDatabase;
let ctx: ReturnType<typeof testCtx>;
let head: Actor;
let registrar: Actor;
let reviewer: Actor;
let sectorHead: Actor;
let receptionHead: Actor;
/** Named appeals of the quarter, registered, answered, complained about and marked through the use cases. */
const named = { answered: "", complaint: "", restricted: "", repeats: [] as string[] };

async function answer(owner: Actor, text: string, category: AppealCategory, outcome: DecisionOutcome): Promise<{ appealId: number; number: string }> {
  const receipt = await registerAppeal(ctx, owner, { draftId: randomUUID(), type: "complaint", text, language: "ru", replyChannel: "chat" });
  await classifyAppeal(ctx, registrar, { appealId: receipt.appealId, category, holderUserId: reviewer.userId });
  await submitDraft(ctx, reviewer, { appealId: receipt.appealId, text: "Ответ по существу.", outcome });
  await approveDraft(ctx, head, { appealId: receipt.appealId, answerId: (await pendingDraft(ctx.db, receipt.appealId))!.id });
  return receipt;
}

beforeAll(async () => {
  tdb = await openTestDatabase();
  ctx = testCtx(tdb.database, "2026-11-02T10:00:00+05:00");
  head = await staffMember(ctx, 9801, "head");
  registrar = { ...(await staffMember(ctx, 9802, "registrar")), clearance: true };
  reviewer = await staffMember(ctx, 9803, "reviewer");
  sectorHead = await staffMember(ctx, 9804, "reviewer");
  receptionHead = await staffMember(ctx, 9805, "reception");
  const admin = await staffMember(ctx, 9806, "admin");
  // The reviewer holds a ДСП appeal, so is cleared; the reception sector's head reads Russian and is cleared.
  await ctx.db.update(users).set({ clearance: true }).where(inArray(users.id, [registrar.userId, reviewer.userId, receptionHead.userId]));
  await ctx.db.update(users).set({ language: "ru" }).where(eq(users.id, receptionHead.userId));
  const [department] = await ctx.db.insert(units).values({ code: "pn-dep", kind: "department", nameKk: "Жалпы бөлім", nameRu: "Общий отдел", headUserId: head.userId }).returning();
  await ctx.db.insert(units).values([
    { code: "pn-review", kind: "sector", parentId: department!.id, nameKk: "Өтініштерді қарау секторы", nameRu: "Сектор рассмотрения обращений", headUserId: sectorHead.userId },
    { code: "pn-reception", kind: "sector", parentId: department!.id, nameKk: "Азаматтарды қабылдау секторы", nameRu: "Сектор приёма граждан", headUserId: receptionHead.userId },
    // Neither a technical administrator nor the head of a closed sector gets the note.
    { code: "pn-tech", kind: "sector", parentId: department!.id, nameKk: "Техникалық топ", nameRu: "Техническая группа", headUserId: admin.userId },
    { code: "pn-old", kind: "sector", parentId: department!.id, nameKk: "Жабылған сектор", nameRu: "Закрытый сектор", headUserId: reviewer.userId, active: false },
  ]);

  const seededCitizen = await signedUpCitizen(ctx, 9810);
  await seedAppealYear(ctx.db, { year: 2026, appeals: SEEDED, holders: [reviewer.userId, sectorHead.userId], citizenUserId: seededCitizen.userId });
  // Numbers given from now on follow the seeded ones.
  await ctx.db.insert(numberSequences).values({ prefix: "ЖТ", year: 2026, last: SEEDED }).onConflictDoUpdate({ target: [numberSequences.prefix, numberSequences.year], set: { last: SEEDED } });

  const applicant = await signedUpCitizen(ctx, 9811);
  const other = await signedUpCitizen(ctx, 9812, { fullName: "Ахметов Ерлан", iin: "900101400125" });
  const first = await answer(applicant, REPEATED_TEXT, "court_proceedings", "explained");
  named.answered = first.number;
  for (let i = 0; i < 3; i++) {
    const again = await registerAppeal(ctx, applicant, { draftId: randomUUID(), type: "complaint", text: REPEATED_TEXT, language: "ru", replyChannel: "chat" });
    expect(again.repeated).toBe(true);
    named.repeats.push(again.number);
  }
  named.complaint = (await registerAppeal(ctx, applicant, { draftId: randomUUID(), type: "complaint", text: "Не согласен с ответом: суть жалобы не рассмотрена", language: "ru", replyChannel: "chat", complaintOfId: first.appealId })).number;
  const secret = await answer(other, "Сведения о судье, не подлежащие оглашению", "judge_conduct", "refused");
  await rateAnswer(ctx, other, { appealId: secret.appealId, rating: "unsatisfied" });
  await setRestricted(ctx, registrar, { target: "appeal", id: secret.appealId, restricted: true, reason: "Сведения о личной жизни судьи" });
  named.restricted = secret.number;
}, 120_000);
afterAll(() => tdb.dispose());

/** One appeal as an independent reader sees it: straight from the tables. */
interface Plain {
  id: number;
  number: string;
  category: string | null;
  state: string;
  subject_key: string;
  registered_on: string;
  repeated_of_id: number | null;
  complaint_of_id: number | null;
  rating: string | null;
  restricted: boolean;
  outcome: string | null;
}

async function plainAppeals(): Promise<Plain[]> {
  return rowsOf<Plain>(
    ctx.db,
    sql`select a.id, a.number, a.category, a.state, a.subject_key, a.registered_on::text, a.repeated_of_id, a.complaint_of_id, a.rating, a.restricted,
          (select x.outcome from appeal_answers x where x.appeal_id = a.id and x.approved_at is not null order by x.approved_at desc limit 1) as outcome
        from appeals a order by a.id`,
  );
}

/** How the statistics name an appeal's end, read by a person from its state and answer. */
function ending(p: Plain): string {
  if (p.state === "forwarded_external") return "forwarded";
  if (p.state === "withdrawn" || p.state === "left_without_review") return p.state;
  return p.state === "answered" ? p.outcome! : "open";
}

/** The note a reader with or without clearance should get, counted here without the note's SQL. */
function expectedNote(all: Plain[], cleared: boolean) {
  const quarter = all.filter((p) => p.registered_on >= QUARTER.from && p.registered_on <= QUARTER.to);
  const shown = (p: Plain) => (p.restricted && !cleared ? null : p.number);

  const categories: Record<string, { appeals: number; repeated: number; outcomes: Record<string, number> }> = {};
  for (const p of quarter) {
    const line = (categories[p.category ?? "none"] ??= { appeals: 0, repeated: 0, outcomes: {} });
    line.appeals++;
    if (p.repeated_of_id !== null) line.repeated++;
    line.outcomes[ending(p)] = (line.outcomes[ending(p)] ?? 0) + 1;
  }

  const byKey = new Map<string, Plain[]>();
  for (const p of quarter) if (p.subject_key !== "") byKey.set(p.subject_key, [...(byKey.get(p.subject_key) ?? []), p]);
  const repeatedIn = (ps: Plain[]) => ps.filter((p) => p.repeated_of_id !== null).length;
  const subjects = [...byKey]
    .filter(([, ps]) => ps.length > 1)
    .sort(([a, x], [b, y]) => y.length - x.length || repeatedIn(y) - repeatedIn(x) || (a < b ? -1 : 1))
    .slice(0, 10)
    .map(([key, ps]) => {
      const example = ps.find((p) => !p.restricted)?.number ?? (cleared ? ps[0]!.number : null);
      return { key: example === null ? null : key, appeals: ps.length, repeated: repeatedIn(ps), example };
    });

  const complaintsOf = (p: Plain) => all.filter((c) => c.complaint_of_id === p.id);
  const flagged = quarter.filter((p) => p.rating === "unsatisfied" || complaintsOf(p).length > 0);
  const lines = [...flagged.filter((p) => complaintsOf(p).length > 0), ...flagged.filter((p) => complaintsOf(p).length === 0)].map((p) => ({
    number: shown(p),
    category: p.category ?? "none",
    outcome: ending(p),
    unsatisfied: p.rating === "unsatisfied",
    complaints: complaintsOf(p).map(shown),
  }));
  return {
    total: quarter.length,
    repeated: quarter.filter((p) => p.repeated_of_id !== null).length,
    restricted: quarter.filter((p) => p.restricted).length,
    categories,
    subjects,
    complained: flagged.filter((p) => complaintsOf(p).length > 0).length,
    unsatisfied: flagged.filter((p) => p.rating === "unsatisfied").length,
    lines,
  };
}

function nonZero(outcomes: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(outcomes).filter(([, n]) => n > 0));
}

function expectAgrees(note: PracticeNote, expected: ReturnType<typeof expectedNote>) {
  expect(note.total).toBe(expected.total);
  expect(note.repeated).toBe(expected.repeated);
  expect(note.restricted).toBe(expected.restricted);
  const categories = Object.fromEntries(note.categories.filter((c) => c.appeals > 0).map((c) => [c.category, { appeals: c.appeals, repeated: c.repeated, outcomes: nonZero(c.outcomes) }]));
  expect(categories).toEqual(expected.categories);
  // Largest first, and every category shown even when none came.
  expect(note.categories.map((c) => c.appeals)).toEqual([...note.categories.map((c) => c.appeals)].sort((a, b) => b - a));
  expect(note.categories.length).toBeGreaterThanOrEqual(5);
  expect(note.subjects).toEqual(expected.subjects);
  expect(note.answers).toEqual({ complained: expected.complained, unsatisfied: expected.unsatisfied, lines: expected.lines, more: 0 });
}

const flat = (text: string) => text.replace(/\s+/g, " ");

describe(`the quarter's draft note generalising practice on ${dbKind}`, () => {
  it("agrees with a direct count of the quarter's subjects, outcomes and answers that drew complaints", async () => {
    const all = await plainAppeals();
    const note = await practiceNote(ctx, head, { period: QUARTER });
    const expected = expectedNote(all, false);
    expect(expected.total).toBeGreaterThan(50);
    expect(expected.subjects.length).toBe(10);
    expect(expected.lines.length).toBeGreaterThan(5);
    expectAgrees(note, expected);

    // The named appeals: the repeated subject with its first appeal as the example, the answer complained about, the ДСП one unnamed.
    expect(note.subjects).toContainEqual({ key: subjectKey(REPEATED_TEXT), appeals: 4, repeated: 3, example: named.answered });
    expect(note.answers.lines).toContainEqual({ number: named.answered, category: "court_proceedings", outcome: "explained", unsatisfied: false, complaints: [named.complaint] });
    expect(note.answers.lines).toContainEqual({ number: null, category: "judge_conduct", outcome: "refused", unsatisfied: true, complaints: [] });
    expect(JSON.stringify(note)).not.toContain(named.restricted);

    const cleared = await practiceNote(ctx, { ...head, clearance: true }, { period: QUARTER });
    expectAgrees(cleared, expectedNote(all, true));
    expect(cleared.answers.lines).toContainEqual({ number: named.restricted, category: "judge_conduct", outcome: "refused", unsatisfied: true, complaints: [] });
  });

  it("is refused to a reviewer", async () => {
    await expect(practiceNote(ctx, reviewer, { period: QUARTER })).rejects.toMatchObject({ code: "forbidden" });
  });

  it.skipIf(skipPdfText)(`prints the draft mark, the top subject and the complained-about answer, a ДСП number only for the cleared${skipPdfText ? ` (skipped: ${popplerMissing})` : ""}`, async () => {
    const note = await practiceNote(ctx, head, { period: QUARTER });
    const { pdf, fileName } = await renderPracticeNote(ctx.db, note, "kk");
    const text = flat(pdfText(pdf));
    expect(fileName).toBe("Практиканы жалпылау 2026-Q4 жоба.pdf");
    for (const words of ["ЖОБА", "Өтініштерді қарау практикасын жалпылау туралы анықтама", "2026 жылғы IV тоқсан (01.10.2026 – 31.12.2026)", "5. Қорытындылар мен ұсыныстар"]) expect(text).toContain(words);
    expect(text).toContain(note.subjects[0]!.key!);
    expect(text).toContain(named.answered);
    expect(text).toContain(named.complaint);
    expect(text).toContain("ҚБПҮ");
    expect(text).not.toContain(named.restricted);

    const cleared = flat(pdfText((await renderPracticeNote(ctx.db, await practiceNote(ctx, { ...head, clearance: true }, { period: QUARTER }), "ru")).pdf));
    for (const words of ["ПРОЕКТ", "Справка по обобщению практики рассмотрения обращений", "IV квартал 2026 года", "5. Выводы и предложения"]) expect(cleared).toContain(words);
    expect(cleared).toContain(named.restricted);
  });

  it("sends the quarter's note once to the Head and the sectors' heads on the first working morning of January 2027", async () => {
    await ctx.db.insert(calendarDays).values({ day: "2027-01-01", working: false, note: "Жаңа жыл" }).onConflictDoNothing();
    const notes = () => ctx.db.select().from(outbox).where(like(outbox.dedupeKey, "analytics:practice:%"));
    for (const at of ["2026-12-31T09:30:00+05:00", "2027-01-01T09:30:00+05:00", "2027-01-04T08:30:00+05:00"]) {
      ctx.clock.set(at);
      expect(await practiceNoteJob.run(ctx)).toBe(0);
    }
    ctx.clock.set("2027-01-04T09:30:00+05:00");
    expect(await practiceNoteJob.run(ctx)).toBe(3);
    expect(await practiceNoteJob.run(ctx)).toBe(0);
    ctx.clock.set("2027-01-05T09:30:00+05:00");
    expect(await practiceNoteJob.run(ctx)).toBe(0);

    const rows = await notes();
    expect(rows.map((r) => [r.chatId, r.dedupeKey, r.language]).sort()).toEqual([
      [9801, `analytics:practice:2026-Q4:${head.userId}`, "kk"],
      [9804, `analytics:practice:2026-Q4:${sectorHead.userId}`, "kk"],
      [9805, `analytics:practice:2026-Q4:${receptionHead.userId}`, "ru"],
    ]);
    for (const row of rows) {
      const payload = row.payload as { key: string; params: { period: string }; fileIds: number[] };
      expect(payload.key).toBe("analytics.practice.notice");
      expect(payload.params.period).toContain(row.language === "ru" ? "IV квартал 2026 года" : "2026 жылғы IV тоқсан");
      expect(payload.fileIds).toHaveLength(1);
      const [file] = await ctx.db.select().from(storedFiles).where(eq(storedFiles.id, payload.fileIds[0]!));
      expect(file).toMatchObject({ mimeType: "application/pdf" });
      expect((await ctx.db.select({ id: users.id }).from(users).where(eq(users.telegramId, row.chatId)))[0]!.id).toBe(file!.uploadedBy);
      if (skipPdfText) continue;
      const text = flat(pdfText(readFileSync(ctx.files.pathOf(file!.sha256))));
      expect(text).toContain(row.language === "ru" ? "ПРОЕКТ" : "ЖОБА");
      expect(text).toContain(named.complaint);
      // Only the cleared head of the reception sector reads the ДСП appeal's number.
      if (row.chatId === 9805) expect(text).toContain(named.restricted);
      else expect(text).not.toContain(named.restricted);
    }
  });
});
