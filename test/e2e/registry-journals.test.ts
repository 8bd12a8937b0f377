import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { journalEntries, journalEntryFiles, users } from "../../db/schema/index.js";
import { staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { pdf } from "../support/sample-files.js";
import { shown } from "../support/texts.js";

const CLEARED = 967101;
const REGISTRAR = 967102;
const CITIZEN = 967001;

let h: Harness;
beforeAll(async () => {
  h = await startHarness([citizen(CLEARED, "ru"), citizen(REGISTRAR, "kk"), citizen(CITIZEN, "kk")]);
  const core = h.app().core;
  const cleared = await staffMember(core, CLEARED, "registrar");
  await core.db.update(users).set({ clearance: true, language: "ru" }).where(eq(users.id, cleared.userId));
  await staffMember(core, REGISTRAR, "registrar");
});
afterAll(() => h.dispose());

/** The workbook's rows as the cells' texts, read back with the library that wrote it. */
async function workbookRows(url: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await (await fetch(new URL(url, h.emulatorUrl))).arrayBuffer()) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).map((v) => String(v ?? ""))));
  return rows;
}

const journal = (lang: "ru" | "kk", j: string) => shown(lang, `registry.journal.${j}`);

describe(`registry journals in chat on ${dbKind}`, () => {
  it("a registrar adds an incoming letter with its scan, reads its card, marks it ДСП with a reason; an uncleared registrar then finds nothing", async () => {
    const reg = h.user(CLEARED);
    await reg.send("/newentry");
    await reg.press(journal("ru", "incoming"));
    await reg.waitForBot(shown("ru", "registry.entry.ask_correspondent", { journal: journal("ru", "incoming") }));
    await reg.send("Верховный суд, канцелярия <судебной> коллегии");
    await reg.waitForBot(shown("ru", "registry.entry.ask_summary"));
    await reg.send("О предоставлении сведений по делу № 6001-26");
    await reg.waitForBot(shown("ru", "registry.entry.ask_pages"));
    await reg.send("ноль");
    await reg.waitForBot(shown("ru", "errors.entry_pages", { max: 10000 }));
    await reg.send("4");
    await reg.waitForBot(shown("ru", "registry.entry.ask_scan", { count: 0 }));
    await reg.sendDocument({ name: "письмо ВС.pdf", mime: "application/pdf", bytes: pdf("письмо") });
    await reg.waitForBot(shown("ru", "registry.entry.ask_scan", { count: 1 }));
    await reg.press(shown("ru", "registry.entry.files_done"));
    await reg.waitForBot(
      shown("ru", "registry.entry.summary", {
        journal: journal("ru", "incoming"),
        direction: "—",
        caseNumber: "—",
        correspondent: "Верховный суд, канцелярия <судебной> коллегии",
        summary: "О предоставлении сведений по делу № 6001-26",
        pages: "4",
        dispatch: "—",
        files: "1",
      }),
    );
    await reg.press(shown("ru", "registry.entry.register"));
    const done = await reg.waitForBot("КХ-2026-000001");
    expect(done.text).toContain(journal("ru", "incoming"));
    const [line] = await h.app().core.db.select().from(journalEntries);
    expect(line).toMatchObject({ number: "КХ-2026-000001", journal: "incoming", correspondent: "Верховный суд, канцелярия <судебной> коллегии", pages: 4, restricted: false });
    expect(await h.app().core.db.select().from(journalEntryFiles).where(eq(journalEntryFiles.entryId, line!.id))).toHaveLength(1);

    await reg.press(shown("ru", "registry.button.open_entry"));
    const card = await reg.waitForBot(/История[\s\S]*зарегистрировано/);
    expect(card.text).toContain("Верховный суд, канцелярия <судебной> коллегии");
    await reg.press(shown("ru", "registry.button.mark"));
    await reg.waitForBot(shown("ru", "registry.mark.ask_reason"));
    await reg.send("Сведения о дисциплинарном производстве");
    await reg.waitForBot(shown("ru", "registry.mark.marked"));

    const other = h.user(REGISTRAR);
    await other.send("/registry КХ-2026");
    await other.waitForBot(shown("kk", "registry.found_none", { query: "КХ-2026" }));
    await other.send("/registry");
    await other.waitForBot(shown("kk", "registry.menu"));
    await other.press(journal("kk", "incoming"));
    await other.waitForBot(shown("kk", "registry.list_empty"));

    // The cleared registrar still finds it, marked, with the reason in its trail.
    await reg.send("/registry 6001-26");
    await reg.press("КХ-2026-000001");
    const marked = await reg.waitForBot("Сведения о дисциплинарном производстве");
    expect(marked.text).toContain(shown("ru", "registry.card.restricted_mark").trim());

    // The month's journal as a workbook: the cleared registrar's has the line, the other's is empty.
    await reg.send("/registry");
    await reg.press(journal("ru", "incoming"));
    await reg.press(shown("ru", "registry.export.this_month"));
    const chat = await reg.waitFor((v) => v.messages.some((m) => m.from === "bot" && m.document?.file_name?.endsWith(".xlsx") === true));
    const sheet = await workbookRows(chat.messages.find((m) => m.document?.file_name?.endsWith(".xlsx"))!.document!.url);
    expect(sheet.some((row) => row.includes("КХ-2026-000001") && row.includes("Верховный суд, канцелярия <судебной> коллегии"))).toBe(true);
    await other.press(shown("kk", "registry.export.this_month"));
    await other.waitForBot(shown("kk", "registry.export.empty", { journal: journal("kk", "incoming"), from: "01.03.2026", to: "02.03.2026" }));
  });

  it("tells someone who is not staff that the registry is not for them", async () => {
    const u = h.user(CITIZEN);
    await u.send("/registry");
    await u.waitForBot(shown("kk", "errors.forbidden"));
    await u.send("/newentry");
    await u.waitForBot(shown("kk", "errors.forbidden"));
  });
});
