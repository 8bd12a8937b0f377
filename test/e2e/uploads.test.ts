import { readdir } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../core/files/file-store.js";
import { staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { signUp } from "../support/journeys.js";
import { docx, EXE, JPEG, pdf } from "../support/sample-files.js";
import { shown } from "../support/texts.js";

const CITIZEN = 966001;
const REGISTRAR = 966101;

let h: Harness;
beforeAll(async () => {
  h = await startHarness([citizen(CITIZEN, "ru"), { ...citizen(REGISTRAR, "ru"), demoRole: "registrar" }]);
  await staffMember(h.app().core, REGISTRAR, "registrar");
});
afterAll(() => h.dispose());

/** Every file under FILES_DIR, temporary ones included: what a refusal must not add to. */
async function filesOnDisk(): Promise<string[]> {
  const entries = await readdir(h.filesDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
}

const added = (name: string, count: number) => shown("ru", "appeal.intake.file_added", { name, count, max: 10 });
const LONG_NAME = `${"я".repeat(296)}.pdf`;
const ACCEPTED = { dots: pdf("dots"), lines: pdf("line breaks"), long: pdf("long name"), word: docx("Прошу приобщить копию решения.") };
let number: string;

describe(`uploads checked by what they are, stored under safe names, on ${dbKind}`, () => {
  it("refuses a program named invoice.pdf, an empty file and an oversized one of unknown size, each with its reason, keeping no bytes", async () => {
    const u = h.user(CITIZEN);
    await signUp(u, "ru", "Ахметова Динара", "951231400062");
    await u.press(shown("ru", "menu.submit_appeal"));
    await u.press(shown("ru", "appeal.type.application"));
    await u.send("Прошу приобщить к делу № 2-123/2026 копии документов.");
    await u.waitForBot(shown("ru", "appeal.intake.ask_files", { max_mb: 20, max: 10, count: 0 }));

    await u.sendDocument({ name: "invoice.pdf", mime: "application/pdf", bytes: EXE });
    await u.waitForBot(shown("ru", "errors.file_type", { name: "invoice.pdf" }));
    await u.sendDocument({ name: "пусто.pdf", mime: "application/pdf", bytes: new Uint8Array(0) });
    await u.waitForBot(shown("ru", "errors.file_empty", { name: "пусто.pdf" }));
    // Telegram did not say the size: the download stops past 20 MB and the file is refused.
    await u.sendDocument({ name: "скан-архив.pdf", mime: "application/pdf", size: 21 * 1024 * 1024, sizeUnknown: true });
    await u.waitForBot(shown("ru", "errors.file_too_big", { name: "скан-архив.pdf", max_mb: 20 }));
    expect(await filesOnDisk()).toEqual([]);
  });

  it("takes PDFs named '..', with a line break and 300 characters long, and a Word file named .pdf, under safe names", async () => {
    const u = h.user(CITIZEN);
    await u.sendDocument({ name: "..", mime: "application/pdf", bytes: ACCEPTED.dots });
    await u.waitForBot(added("file.pdf", 1));
    await u.sendDocument({ name: "Акт\r\nсверки.pdf", mime: "application/pdf", bytes: ACCEPTED.lines });
    await u.waitForBot(added("Акт сверки.pdf", 2));
    await u.sendDocument({ name: LONG_NAME, mime: "application/pdf", bytes: ACCEPTED.long });
    await u.waitForBot(added(`${"я".repeat(96)}.pdf`, 3));
    // The name follows the content: a DOCX sent as a PDF is kept as a DOCX.
    await u.sendDocument({ name: "заявление.pdf", mime: "application/pdf", bytes: ACCEPTED.word });
    await u.waitForBot(added("заявление.docx", 4));

    await u.press(shown("ru", "appeal.intake.files_done"));
    await u.press(shown("ru", "appeal.language.ru"));
    await u.press(shown("ru", "appeal.intake.channel_chat"));
    await u.press(shown("ru", "appeal.intake.confirm"));
    number = /ЖТ-2026-\d{6}/.exec((await u.waitForBot(/ЖТ-2026-\d{6}/)).text)![0];

    // Kept once each, named by their SHA-256 and by nothing a sender chose.
    expect(await filesOnDisk()).toEqual(Object.values(ACCEPTED).map(sha256Hex).sort());
  });

  it("sends the clerk every file of the appeal under its safe name", async () => {
    const registrar = h.user(REGISTRAR);
    await registrar.send(`/find ${number}`);
    await registrar.press(number);
    await registrar.press(shown("ru", "staff.card.files", { count: 4 }));
    const view = await registrar.waitFor((v) => v.messages.filter((m) => m.from === "bot" && m.document).length === 4);
    const names = view.messages.flatMap((m) => (m.from === "bot" && m.document ? [m.document.file_name] : []));
    expect(names.sort()).toEqual(["file.pdf", "Акт сверки.pdf", `${"я".repeat(96)}.pdf`, "заявление.docx"].sort());
  });

  it("checks a supplement's files the same way, and takes a photo", async () => {
    const u = h.user(CITIZEN);
    await u.send(number);
    await u.press(shown("ru", "appeal.supplement.button"));
    await u.sendDocument({ name: "дополнение.docx", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", bytes: EXE });
    await u.waitForBot(shown("ru", "errors.file_type", { name: "дополнение.docx" }));
    await u.sendDocument({ name: "фото.jpg", mime: "image/jpeg", bytes: JPEG });
    const [before, after] = shown("ru", "appeal.supplement.file_added", { name: "\0" }).split("\0") as [string, string];
    const note = await u.waitForBot(before);
    expect(note.text).toMatch(/«photo-[\w-]+\.jpg»/);
    expect(note.text).toContain(after);
    expect(await filesOnDisk()).toEqual([...Object.values(ACCEPTED), JPEG].map(sha256Hex).sort());
  });

  it("refuses a program as a control document's scan, for staff as for citizens", async () => {
    const registrar = h.user(REGISTRAR);
    await registrar.send("/newcontrol");
    await registrar.press(shown("ru", "control.source.head_of_state"));
    await registrar.send("21-01.77");
    await registrar.waitForBot(shown("ru", "control.record.ask_source_date"));
    await registrar.send("27.02.2026");
    await registrar.waitForBot(shown("ru", "control.record.ask_content"));
    await registrar.sendDocument({ name: "поручение.pdf", mime: "application/pdf", bytes: EXE });
    await registrar.waitForBot(shown("ru", "errors.file_type", { name: "поручение.pdf" }));
    expect(await filesOnDisk()).toEqual([...Object.values(ACCEPTED), JPEG].map(sha256Hex).sort());
  });
});
