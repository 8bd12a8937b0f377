import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addEntry, type EntryInput } from "../../core/registry/entries.js";
import { exportJournal, exportJournalBuffer, type ExportInput } from "../../core/registry/export.js";
import type { Actor } from "../../core/shared/roles.js";
import { journalEntries, nomenclatureCases, users } from "../../db/schema/index.js";
import { journalWords } from "../../locales/journal-words.js";
import { staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";

let tdb: TestDatabase;
let ctx: ReturnType<typeof testCtx>;
let cleared: Actor;
let uncleared: Actor;
let reviewer: Actor;
let dir: string;
const n: Record<string, string> = {};

const MARCH = { from: "2026-03-01", to: "2026-03-02" };

beforeAll(async () => {
  tdb = await openTestDatabase({ durable: false });
  ctx = testCtx(tdb.database, "2026-03-02T09:00:00+05:00");
  dir = await mkdtemp(path.join(os.tmpdir(), "otinish-journal-export-"));
  const registrar = await staffMember(ctx, 9501, "registrar");
  await ctx.db.update(users).set({ clearance: true }).where(eq(users.id, registrar.userId));
  cleared = { ...registrar, clearance: true };
  uncleared = await staffMember(ctx, 9502, "registrar");
  reviewer = await staffMember(ctx, 9503, "reviewer");
  await ctx.db.insert(nomenclatureCases).values({ year: 2026, index: "05-12", title: "Кіріс хат-хабарды тіркеу журналы", retentionYears: 5, holds: "incoming", createdAt: ctx.clock.now() });

  const add = async (name: string, actor: Actor, entry: EntryInput) => (n[name] = (await addEntry(ctx, actor, entry)).number);
  const letter = { journal: "incoming", correspondent: "Алматы облыстық соты", summary: "Өтініш бойынша ақпарат", pages: 3 } as const;
  await add("before", uncleared, { ...letter, entryDate: "2026-02-27" });
  await add("first", uncleared, { ...letter, entryDate: "2026-03-01" });
  await add("marked", cleared, { ...letter, entryDate: "2026-03-02", summary: "Қызмет бабында пайдалану үшін", restricted: true });
  await add("erased", uncleared, { ...letter, entryDate: "2026-03-02", correspondent: "Серікқызы Айгерім" });
  await add("after", uncleared, { ...letter, entryDate: "2026-03-03" });
  await ctx.db.update(journalEntries).set({ erasedAt: ctx.clock.now() }).where(eq(journalEntries.number, n.erased!));
  const [first] = await ctx.db.select({ id: journalEntries.id }).from(journalEntries).where(eq(journalEntries.number, n.first!));
  await add("answer", uncleared, {
    journal: "outgoing",
    entryDate: "2026-03-02",
    correspondent: "Алматы облыстық соты",
    summary: "Сұрауға жауап",
    dispatch: { method: "email", address: "kense@sot.kz" },
    replyToId: first!.id,
  });
  await add("case", uncleared, {
    journal: "court_cases",
    entryDate: "2026-03-01",
    direction: "in",
    correspondent: "Астана қалалық соты",
    summary: "Азаматтық іс",
    courtCase: { caseNumber: "2-1234/2026", court: "Астана қаласының Есіл аудандық соты", volumes: 2, sentOn: "2026-02-20" },
  });
  await add("secret", cleared, { journal: "restricted", entryDate: "2026-03-01", correspondent: "ҚР Жоғарғы Соты", summary: "ҚБПҮ нұсқау" });
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await tdb.dispose();
});

async function workbook(actor: Actor, input: Omit<ExportInput, "words" | "from" | "to"> & Partial<Pick<ExportInput, "from" | "to">>) {
  const { rows, buffer } = await exportJournalBuffer(ctx, actor, { ...MARCH, ...input, words: journalWords });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const lines = sheet.getRows(2, sheet.rowCount - 1) ?? [];
  return { rows, sheet, lines, numbers: lines.map((r) => r.getCell(1).value) };
}

/** A data row by its column's Kazakh header: what a clerk reads under that heading. */
function under(sheet: ExcelJS.Worksheet, row: ExcelJS.Row, kazakh: string): ExcelJS.CellValue {
  const header = sheet.getRow(1).values as ExcelJS.CellValue[];
  const column = header.findIndex((v) => typeof v === "string" && v.startsWith(`${kazakh}\n`));
  if (column < 1) throw new Error(`no column «${kazakh}»`);
  return row.getCell(column).value;
}

describe(`journal workbooks (${dbKind})`, () => {
  it("gives a cleared registrar the period's lines under a frozen header in Kazakh and Russian, dates as dates, ДСП marked, erased data left out", async () => {
    const { rows, sheet, lines, numbers } = await workbook(cleared, { journal: "incoming", language: "kk" });
    expect(rows).toBe(3);
    expect(numbers).toEqual([n.first, n.marked, n.erased]);
    expect(sheet.name).toBe("Кіріс хат-хабар");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).value).toBe("Тіркеу нөмірі\nРегистрационный номер");
    expect(sheet.getRow(1).getCell(4).value).toBe("Қысқаша мазмұны\nКраткое содержание");
    expect(sheet.getColumn(1).width).toBe(18);
    expect(sheet.getColumn(4).width).toBe(60);

    const [first, marked, erased] = lines as [ExcelJS.Row, ExcelJS.Row, ExcelJS.Row];
    const date = first.getCell(2);
    expect(date.value).toBeInstanceOf(Date);
    expect((date.value as Date).toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(date.numFmt).toBe("dd.mm.yyyy");
    expect(under(sheet, first, "Корреспондент")).toBe("Алматы облыстық соты");
    expect(under(sheet, first, "Парақ саны")).toBe(3);
    expect(under(sheet, first, "ҚБПҮ белгісі")).toBeNull();
    expect(under(sheet, marked, "ҚБПҮ белгісі")).toBe("ҚБПҮ");
    expect(lines.map((r) => under(sheet, r, "Номенклатура бойынша іс индексі"))).toEqual(["05-12", "05-12", "05-12"]);

    expect(erased.getCell(1).value).toBe(n.erased);
    expect(under(sheet, erased, "Корреспондент")).toBeNull();
    expect(under(sheet, erased, "Қысқаша мазмұны")).toBeNull();
    expect((under(sheet, erased, "Дербес деректер жойылған күн") as Date).toISOString()).toBe("2026-03-02T00:00:00.000Z");
  });

  it("leaves every ДСП line out of an uncleared registrar's workbook, and refuses them the ДСП journal", async () => {
    const { numbers, lines, sheet } = await workbook(uncleared, { journal: "incoming", language: "ru" });
    expect(numbers).toEqual([n.first, n.erased]);
    expect(lines.map((r) => under(sheet, r, "ҚБПҮ белгісі"))).toEqual([null, null]);

    const out = path.join(dir, "restricted.xlsx");
    const refused = exportJournal(ctx, uncleared, { journal: "restricted", ...MARCH, language: "ru", words: journalWords }, out);
    await expect(refused).rejects.toThrow("clearance_required");
    expect(existsSync(out)).toBe(false);
    await expect(exportJournal(ctx, reviewer, { journal: "incoming", ...MARCH, language: "ru", words: journalWords }, out)).rejects.toThrow("forbidden");
    await expect(exportJournal(ctx, cleared, { journal: "incoming", from: "2026-03-02", to: "2026-03-01", language: "ru", words: journalWords }, out)).rejects.toThrow("export_period");

    const secret = await workbook(cleared, { journal: "restricted", language: "ru" });
    expect(secret.numbers).toEqual([n.secret]);
    expect(secret.sheet.name).toBe("Документы ДСП");
    expect(under(secret.sheet, secret.lines[0]!, "ҚБПҮ белгісі")).toBe("ДСП");
  });

  it("shows how an outgoing letter went and what it answers, and a court case's own fields, in the language asked for", async () => {
    const outgoing = await workbook(uncleared, { journal: "outgoing", language: "ru" });
    expect(outgoing.numbers).toEqual([n.answer]);
    const [answer] = outgoing.lines as [ExcelJS.Row];
    expect(under(outgoing.sheet, answer, "Жөнелту тәсілі")).toBe("Электронная почта");
    expect(under(outgoing.sheet, answer, "Пошта нөмірі немесе e-mail")).toBe("kense@sot.kz");
    expect(under(outgoing.sheet, answer, "Байланысты құжат")).toBe(n.first);

    const court = await workbook(uncleared, { journal: "court_cases", language: "kk" });
    const [line] = court.lines as [ExcelJS.Row];
    expect(under(court.sheet, line, "Кіріс немесе шығыс")).toBe("Кіріс");
    expect(under(court.sheet, line, "Іс нөмірі")).toBe("2-1234/2026");
    expect(under(court.sheet, line, "Томдар саны")).toBe(2);
    expect((under(court.sheet, line, "Жіберілген күні") as Date).toISOString()).toBe("2026-02-20T00:00:00.000Z");
    expect(under(court.sheet, line, "Қайтарылған күні")).toBeNull();
  });

  it("writes every line of a journal longer than one read, once each and in order, lines of one day across the cut too", async () => {
    const lines = 2_345;
    await ctx.db.execute(sql`
      insert into journal_entries (journal, number, year, seq, entry_date, correspondent, summary, created_at)
      select 'incoming', 'КХ-2025-' || lpad(g::text, 6, '0'), 2025, g, date '2025-06-01' + g / 1000, 'Сот', 'Хат', now()
      from generate_series(1, ${lines}) g`);
    const { rows, numbers } = await workbook(uncleared, { journal: "incoming", language: "kk", from: "2025-01-01", to: "2025-12-31" });
    expect(rows).toBe(lines);
    expect(numbers).toEqual(Array.from({ length: lines }, (_, i) => `КХ-2025-${String(i + 1).padStart(6, "0")}`));
  });
});
