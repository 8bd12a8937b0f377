import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addEntry } from "../../core/registry/entries.js";
import { correctEntry } from "../../core/registry/correct.js";
import { entryCard, listEntries, searchEntries } from "../../core/registry/journal-view.js";
import { setRestricted } from "../../core/registry/restrict.js";
import type { Ctx } from "../../core/shared/context.js";
import type { Actor } from "../../core/shared/roles.js";
import { journalEntries, users } from "../../db/schema/index.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";
import { staffMember } from "../support/citizens.js";

let tdb: TestDatabase;
let ctx: Ctx;
let registrar: Actor;
let cleared: Actor;
let reviewer: Actor;

beforeAll(async () => {
  tdb = await openTestDatabase();
  ctx = testCtx(tdb.database, "2026-03-02T10:00:00+05:00");
  registrar = await staffMember(ctx, 9101, "registrar");
  cleared = await staffMember(ctx, 9102, "registrar");
  await ctx.db.update(users).set({ clearance: true }).where(eq(users.id, cleared.userId));
  cleared = { ...cleared, clearance: true };
  reviewer = await staffMember(ctx, 9103, "reviewer");
});
afterAll(() => tdb.dispose());

const letter = { journal: "incoming" as const, correspondent: "Алматы қалалық соты", summary: "Азаматтық іс бойынша хат", pages: 3 };

describe(`registry journals (${dbKind})`, () => {
  it("numbers each journal's lines 1, 2, 3 … per year, even when registrars add them at once", async () => {
    await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => addEntry(ctx, i % 2 ? registrar : cleared, { ...letter, summary: `Хат ${i}` })),
      ...Array.from({ length: 4 }, () => addEntry(ctx, cleared, { journal: "restricted", correspondent: "ҰҚК", summary: "Қызмет бабында" })),
      addEntry(ctx, registrar, { journal: "court_cases", direction: "in", correspondent: "Жоғарғы Сот", summary: "Кассациялық іс", courtCase: { caseNumber: "6001-26-00-6ап/12", court: "Астана қ. соты", volumes: 2 } }),
      addEntry(ctx, registrar, { journal: "outgoing", correspondent: "Әділет министрлігі", summary: "Жауап хат", dispatch: { method: "email", address: "kense@adilet.gov.kz" } }),
    ]);
    const rows = await ctx.db.select({ journal: journalEntries.journal, number: journalEntries.number, seq: journalEntries.seq }).from(journalEntries).orderBy(asc(journalEntries.journal), asc(journalEntries.seq));
    const byJournal = Object.fromEntries(["incoming", "restricted", "court_cases"].map((j) => [j, rows.filter((r) => r.journal === j)]));
    expect(byJournal.incoming!.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(byJournal.incoming![0]!.number).toBe("КХ-2026-000001");
    expect(byJournal.restricted!.map((r) => r.number)).toEqual(["ҚБПҮ-2026-000001", "ҚБПҮ-2026-000002", "ҚБПҮ-2026-000003", "ҚБПҮ-2026-000004"]);
    expect(byJournal.court_cases!.map((r) => r.number)).toEqual(["СІ-2026-000001"]);
  });

  it("refuses a line that does not fit its journal, and the ДСП journal to an uncleared registrar, writing nothing", async () => {
    const [before] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(journalEntries);
    await expect(addEntry(ctx, registrar, { journal: "restricted", correspondent: "ҰҚК", summary: "Құпия" })).rejects.toThrow("clearance_required");
    await expect(addEntry(ctx, registrar, { journal: "court_cases", correspondent: "Сот", summary: "Іс" })).rejects.toThrow("entry_direction");
    await expect(addEntry(ctx, registrar, { ...letter, dispatch: { method: "courier" } })).rejects.toThrow("entry_dispatch");
    await expect(addEntry(ctx, registrar, { ...letter, correspondent: "   " })).rejects.toThrow("invalid_input");
    await expect(addEntry(ctx, reviewer, letter)).rejects.toThrow("forbidden");
    const [after] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(journalEntries);
    expect(after!.n).toBe(before!.n);
  });

  it("corrects a line as a new event: the line shows the right value, the trail what it was and why", async () => {
    const entry = await addEntry(ctx, registrar, { ...letter, correspondent: "Алмты соты" });
    await correctEntry(ctx, registrar, { entryId: entry.id, correspondent: "Алматы қалалық соты", reason: "Атауы қате жазылған" });
    const card = await entryCard(ctx, registrar, entry.id);
    expect(card.correspondent).toBe("Алматы қалалық соты");
    expect(card.number).toBe(entry.number);
    expect(card.trail.map((e) => e.kind)).toEqual(["registered", "corrected"]);
    expect(card.trail[1]).toMatchObject({ reason: "Атауы қате жазылған", data: { before: { correspondent: "Алмты соты" }, after: { correspondent: "Алматы қалалық соты" } } });
    await expect(correctEntry(ctx, registrar, { entryId: entry.id, correspondent: "Алматы қалалық соты", reason: "тағы" })).rejects.toThrow("correction_empty");
  });

  it("keeps every line and its trail: the database refuses to delete a line or change its history", async () => {
    const entry = await addEntry(ctx, registrar, letter);
    await expect(ctx.db.delete(journalEntries).where(eq(journalEntries.id, entry.id))).rejects.toThrow();
    await expect(ctx.db.execute(sql`update journal_entry_events set reason = 'x' where entry_id = ${entry.id}`)).rejects.toThrow();
    expect((await entryCard(ctx, registrar, entry.id)).number).toBe(entry.number);
  });

  it("hides a line marked ДСП from the uncleared, with the reason in its trail, and shows it again when the mark is lifted", async () => {
    const entry = await addEntry(ctx, registrar, { ...letter, summary: "Судьяның тәртіптік ісі туралы" });
    await expect(setRestricted(ctx, registrar, { target: "entry", id: entry.id, restricted: true, reason: "Тәртіптік іс" })).rejects.toThrow("clearance_required");
    expect((await setRestricted(ctx, cleared, { target: "entry", id: entry.id, restricted: true, reason: "Тәртіптік іс" })).changed).toBe(true);
    expect((await setRestricted(ctx, cleared, { target: "entry", id: entry.id, restricted: true, reason: "Тәртіптік іс" })).changed).toBe(false);
    await expect(entryCard(ctx, registrar, entry.id)).rejects.toThrow("entry_not_found");
    expect((await searchEntries(ctx, registrar, "тәртіптік")).map((l) => l.id)).not.toContain(entry.id);
    expect((await searchEntries(ctx, cleared, "тәртіптік")).map((l) => l.id)).toContain(entry.id);
    await setRestricted(ctx, cleared, { target: "entry", id: entry.id, restricted: false, reason: "Іс жабылды" });
    const card = await entryCard(ctx, registrar, entry.id);
    expect(card.trail.map((e) => [e.kind, e.reason])).toEqual([["registered", null], ["restricted", "Тәртіптік іс"], ["unrestricted", "Іс жабылды"]]);
  });

  it("lists a journal newest first, a page at a time, with the total", async () => {
    const { total, lines } = await listEntries(ctx, registrar, { journal: "incoming", limit: 3 });
    expect(lines).toHaveLength(3);
    expect(total).toBeGreaterThan(3);
    expect(lines[0]!.number > lines[1]!.number).toBe(true);
    await expect(listEntries(ctx, registrar, { journal: "restricted" })).rejects.toThrow("clearance_required");
    expect((await listEntries(ctx, cleared, { journal: "restricted" })).total).toBe(4);
  });
});
