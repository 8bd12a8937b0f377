import { describe, expect, it } from "vitest";
import { renderAnswerLetter, type AnswerLetter } from "../../core/letters/answer-letter.js";
import { sha256Hex } from "../../core/files/file-store.js";
import { pdfText, popplerMissing, skipPdfText } from "../support/pdf-text.js";

/** The Kazakh letters must come out of the PDF as themselves, not as boxes or look-alikes. */
const skipped = skipPdfText;
const textTitle = skipped ? `the letter's text (skipped: ${popplerMissing})` : "the letter's text";
if (skipped) console.warn(`test/letters/answer-letter.test.ts partly skipped: ${popplerMissing}`);

const KAZAKH_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі";

const kazakh: AnswerLetter = {
  language: "kk",
  outgoingNumber: "02-15/123",
  date: "2026-01-20",
  appealNumber: "ЖТ-2026-000123",
  appealReceivedOn: "2026-01-12",
  addressee: { name: "Құнанбаев Әлихан Ғабитұлы", organization: null, postalAddress: "Астана қ., Қабанбай батыр даңғылы, 11, 45-пәтер" },
  text: [
    "Сіздің өтінішіңіз Қазақстан Республикасы Әкімшілік рәсімдік-процестік кодексіне сәйкес қаралды.",
    "Әділет, ғылым, қоғам, көңіл, өмір, ұлт, үкімет, һәм, іс: барлық әріптер орнында.",
    "ӘДІЛЕТ ҒЫЛЫМ ҚОҒАМ КӨҢІЛ ӨМІР ҰЛТ ҮКІМЕТ ҺӘМ ІС",
  ].join("\n\n"),
  outcome: "explained",
  signer: { name: "Н. Ө. Үсенов", position: "Жалпы бөлім меңгерушісінің орынбасары" },
  authority: { name: "Ә. Қ. Һасанова", position: "Жалпы бөлімнің меңгерушісі" },
  draft: false,
};

const russian: AnswerLetter = {
  language: "ru",
  outgoingNumber: "02-15/124",
  date: "2026-02-03",
  appealNumber: "ЗТ-2026-000045",
  appealReceivedOn: "2026-01-19",
  addressee: { name: "Иванов Иван Иванович", organization: "ТОО «Шаңырақ-Строй»", postalAddress: "г. Алматы, ул. Абая, д. 1, кв. 2" },
  text: "Ваше обращение рассмотрено в установленный законом срок.\nПо существу поставленных вопросов сообщаем следующее: решение принято судом первой инстанции.",
  outcome: "refused",
  signer: { name: "А. Б. Сейткали", position: "Заведующий Общим отделом" },
  authority: null,
  draft: false,
};

/** About 10,000 characters in numbered paragraphs, so the first and last can be found. */
function longText(): string {
  const paragraphs: string[] = [];
  for (let i = 1; paragraphs.join("\n").length < 10_000; i++) {
    paragraphs.push(`Абзац ${i}. Судебная администрация рассмотрела доводы заявителя и материалы, приложенные к обращению, в полном объёме.`);
  }
  return paragraphs.join("\n").slice(0, 10_000);
}


/** The reading text: page numbers and page breaks out, every run of white space one space. */
function flat(text: string): string {
  return text
    .replace(/Страница \d+ из \d+|\d+ беттің \d+-беті/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** pdfkit writes page dictionaries uncompressed, so pages can be counted without a PDF reader. */
function pageCount(pdf: Buffer): number {
  return pdf.toString("latin1").match(/\/Type \/Page\b/g)?.length ?? 0;
}

describe("the answer letter as a PDF", () => {
  it("renders the same letter to the same bytes, and another date to other bytes", async () => {
    const first = await renderAnswerLetter(kazakh);
    const second = await renderAnswerLetter({ ...kazakh, addressee: { ...kazakh.addressee } });
    expect(first.subarray(0, 5).toString()).toBe("%PDF-");
    expect(sha256Hex(second)).toBe(sha256Hex(first));
    expect(second.equals(first)).toBe(true);
    const later = await renderAnswerLetter({ ...kazakh, date: "2026-01-21" });
    expect(later.equals(first)).toBe(false);
  });

  it("flows a 10,000-character answer onto further pages, the same bytes each time", async () => {
    const letter = { ...russian, text: longText() };
    expect(letter.text).toHaveLength(10_000);
    const pdf = await renderAnswerLetter(letter);
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(2);
    expect((await renderAnswerLetter(letter)).equals(pdf)).toBe(true);
  });

  it("refuses a signed letter without its outgoing number", async () => {
    await expect(renderAnswerLetter({ ...russian, outgoingNumber: null })).rejects.toThrow(/outgoing number/);
  });
});

describe.skipIf(skipped)(textTitle, () => {
  it("keeps every Kazakh letter and the Kazakh wording: letterhead, numbers, addressee, text, signature for the Head", async () => {
    const raw = pdfText(await renderAnswerLetter(kazakh));
    const text = flat(raw);
    for (const letter of KAZAKH_LETTERS) expect(text).toContain(letter);
    expect(raw).toContain("ҚАЗАҚСТАН РЕСПУБЛИКАСЫ СОТ ӘКІМШІЛІГІНІҢ\nЖАЛПЫ БӨЛІМІ");
    expect(text).toContain("Шығыс № 02-15/123, 20.01.2026 ж.");
    expect(text).toContain("12.01.2026 ж. № ЖТ-2026-000123 өтінішке");
    expect(text).toContain("Құнанбаев Әлихан Ғабитұлы");
    expect(text).toContain("Астана қ., Қабанбай батыр даңғылы, 11, 45-пәтер");
    for (const paragraph of kazakh.text.split("\n\n")) expect(text).toContain(paragraph);
    expect(text).toContain("Қарау нәтижесі: түсіндірілді.");
    expect(text).toContain("Басшының орнына орынбасары қол қойды: Жалпы бөлімнің меңгерушісі Ә. Қ. Һасанова");
    expect(text).toContain("Жалпы бөлім меңгерушісінің орынбасары Н. Ө. Үсенов");
    expect(raw).toContain("1 беттің 1-беті");
    expect(text).not.toContain("ЖОБА");
  });

  it("keeps the Russian wording, and a letter the Head signs has no line for an absent Head", async () => {
    const text = flat(pdfText(await renderAnswerLetter(russian)));
    expect(text).toContain("ОБЩИЙ ОТДЕЛ СУДЕБНОЙ АДМИНИСТРАЦИИ РЕСПУБЛИКИ КАЗАХСТАН");
    expect(text).toContain("Исх. № 02-15/124 от 03.02.2026");
    expect(text).toContain("На обращение № ЗТ-2026-000045 от 19.01.2026");
    expect(text).toContain("Иванов Иван Иванович ТОО «Шаңырақ-Строй» г. Алматы, ул. Абая, д. 1, кв. 2");
    for (const paragraph of russian.text.split("\n")) expect(text).toContain(paragraph);
    expect(text).toContain("Результат рассмотрения: отказано в удовлетворении.");
    expect(text).toContain("Заведующий Общим отделом А. Б. Сейткали");
    expect(text).not.toContain("Подписано заместителем");
    expect(text).not.toContain("ПРОЕКТ");
  });

  it("numbers the pages of a long answer and loses none of its paragraphs", async () => {
    const letter = { ...russian, text: longText() };
    const raw = pdfText(await renderAnswerLetter(letter));
    const pages = raw.split("\f").filter((page) => page.trim()).length;
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let page = 1; page <= pages; page++) expect(raw).toContain(`Страница ${page} из ${pages}`);
    const text = flat(raw);
    for (const paragraph of letter.text.split("\n")) expect(text).toContain(paragraph);
    expect(text).toMatch(/Результат рассмотрения: отказано в удовлетворении\. Заведующий Общим отделом А\. Б\. Сейткали$/);
  });

  it("marks drafts, in the letter's language, and only drafts", async () => {
    const kkDraft = pdfText(await renderAnswerLetter({ ...kazakh, outgoingNumber: null, draft: true }));
    const ruDraft = pdfText(await renderAnswerLetter({ ...russian, outgoingNumber: null, draft: true }));
    expect(kkDraft).toContain("ЖОБА");
    expect(flat(kkDraft)).toContain("Шығыс № __________, 20.01.2026 ж.");
    expect(ruDraft).toContain("ПРОЕКТ");
    expect(flat(ruDraft)).toContain("Исх. № __________ от 03.02.2026");
    expect(pdfText(await renderAnswerLetter(kazakh))).not.toContain("ЖОБА");
    expect(pdfText(await renderAnswerLetter(russian))).not.toContain("ПРОЕКТ");
  });
});
