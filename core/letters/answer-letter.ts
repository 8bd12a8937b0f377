import type { AnswerLanguage, DecisionOutcome } from "../appeals/kinds.js";
import { dottedDate, isIsoDate, type IsoDate } from "../calendar/dates.js";
import { fill, type LetterWords } from "./letter-words.js";
import { drawDraftMark, loadFonts, pdfBytes, pdfKit } from "./pdf-document.js";

export interface AnswerLetter {
  language: AnswerLanguage;
  /** The letter's fixed words, from `letter_settings`. */
  words: LetterWords;
  /** Null on a draft preview: the number is given at approval. */
  outgoingNumber: string | null;
  date: IsoDate;
  appealNumber: string;
  appealReceivedOn: IsoDate;
  /** The address block, top right: the person (bold) first, then organisation and postal address. */
  addressee: readonly string[];
  /** «Құрметті Айгерім Серікқызы!», centred above the text. */
  greeting: string;
  text: string;
  outcome: DecisionOutcome;
  /** «Меңгеруші» or «И.о. заведующего», and «Б. Исабеков». */
  signer: { position: string; name: string };
  /** Who prepared the answer, in the bottom corner; null when unknown. */
  executor: { name: string; phone: string | null } | null;
  draft: boolean;
}

// A4, in points; the wide left margin leaves room to bind the copy into the file.
const MM = 72 / 25.4;
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const SIZE = { letterhead: 12, block: 10, body: 11, small: 8 };
/** The first line of a paragraph starts 1.25 cm in (record-keeping rules). */
const INDENT = 12.5 * MM;

/**
 * The answer letter as a PDF. The same letter gives the same bytes: the document's dates come from
 * `letter.date` and its file ID is derived by pdfkit from that metadata, so the SHA-256 stored at
 * approval can be recomputed from the stored answer.
 */
export async function renderAnswerLetter(letter: AnswerLetter): Promise<Buffer> {
  for (const date of [letter.date, letter.appealReceivedOn]) {
    if (!isIsoDate(date)) throw new Error(`answer letter: not a date: ${date}`);
  }
  if (!letter.draft && letter.outgoingNumber === null) throw new Error("answer letter: a signed letter needs its outgoing number");

  const { regular, bold } = await loadFonts();
  const { words } = letter;
  const date = dottedDate(letter.date);
  const stamp = new Date(`${letter.date}T00:00:00Z`);
  const outgoing = fill(words.outgoing, { number: letter.outgoingNumber ?? NO_NUMBER, date });
  const PDFDocument = await pdfKit();
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGINS,
    bufferPages: true,
    pdfVersion: "1.7",
    lang: letter.language === "kk" ? "kk-KZ" : "ru-RU",
    displayTitle: true,
    info: {
      Title: fill(words.title, { appeal: letter.appealNumber }),
      Subject: outgoing,
      Producer: "Otinish",
      Creator: "Otinish",
      CreationDate: stamp,
      ModDate: stamp,
    },
  });
  const done = pdfBytes(doc);

  doc.registerFont("regular", regular);
  doc.registerFont("bold", bold);
  const left = MARGINS.left;
  const width = doc.page.width - MARGINS.left - MARGINS.right;

  // Letterhead.
  doc.font("bold").fontSize(SIZE.letterhead).fillColor("black");
  for (const line of words.letterhead.split(/\r?\n/)) doc.text(line, left, undefined, { width, align: "center" });
  const rule = doc.y + 4;
  doc.moveTo(left, rule).lineTo(left + width, rule).lineWidth(1.5).stroke();
  doc.moveTo(left, rule + 3).lineTo(left + width, rule + 3).lineWidth(0.5).stroke();

  // Number, date and subject on the left; the addressee on the right, from the same line.
  const top = rule + 18;
  const reference = width * 0.55;
  const addresseeWidth = width * 0.4;
  const right = left + width - addresseeWidth;
  doc.font("regular").fontSize(SIZE.block);
  doc.text(outgoing, left, top, { width: reference });
  doc.moveDown(0.5).text(fill(words.subject, { appeal: letter.appealNumber, date: dottedDate(letter.appealReceivedOn) }), { width: reference });
  const leftEnd = doc.y;
  letter.addressee.forEach((line, i) => {
    doc.font(i === 0 ? "bold" : "regular").text(line, right, i === 0 ? top : undefined, { width: addresseeWidth });
  });
  doc.y = Math.max(leftEnd, doc.y) + 24;

  // The greeting stands centred on its own line; the answer follows in indented, justified paragraphs.
  doc.font("regular").fontSize(SIZE.body).text(letter.greeting, left, undefined, { width, align: "center" });
  doc.moveDown(0.8);
  const paragraphs = letter.text.replace(/\t/g, " ").split(/\r?\n/).map((p) => p.trim()).filter(Boolean);
  paragraphs.push(fill(words.outcome, { outcome: words[`outcome_${letter.outcome}`] }), words.contest);
  for (const paragraph of paragraphs) {
    doc.text(paragraph, left, undefined, { width, align: "justify", indent: INDENT, lineGap: 2, paragraphGap: 6 });
  }
  signature(doc, letter, left, width);
  pageMarks(doc, words, letter.draft);
  doc.end();
  return done;
}

/** Where a draft's outgoing number will be written. */
const NO_NUMBER = "__________";

/**
 * The signature and, below it, the executor's mark, kept together on one page so a signature never
 * stands alone: the position on the left, the name on the right on the position's last line.
 */
function signature(doc: PDFKit.PDFDocument, letter: AnswerLetter, left: number, width: number) {
  const { signer, executor, words } = letter;
  const executorLine = executor ? fill(executor.phone ? words.executor_with_phone : words.executor, { name: executor.name, phone: executor.phone ?? "" }) : null;
  const positionWidth = width * 0.6;
  const gap = 30;
  const height =
    gap +
    doc.font("bold").fontSize(SIZE.body).heightOfString(signer.position, { width: positionWidth }) +
    (executorLine ? 40 + doc.font("regular").fontSize(SIZE.small).heightOfString(executorLine, { width }) : 0);
  if (doc.y + height > doc.page.height - MARGINS.bottom) doc.addPage();

  doc.y += gap;
  doc.font("bold").fontSize(SIZE.body).text(signer.position, left, doc.y, { width: positionWidth });
  const bottom = doc.y;
  doc.text(signer.name, left + positionWidth, bottom - doc.currentLineHeight(true), { width: width - positionWidth, align: "right" });
  doc.y = bottom;
  if (!executorLine) return;
  // The executor's mark sits in the bottom corner of the last page, as on the department's letters.
  doc.font("regular").fontSize(SIZE.small);
  // A hair above the margin: text that touches it would start a new page.
  const bottomLine = doc.page.height - MARGINS.bottom - doc.heightOfString(executorLine, { width }) - 2;
  doc.text(executorLine, left, Math.max(doc.y + 40, bottomLine), { width });
}

/**
 * Page numbers from the second page on, at the top centre (a one-page letter has none), and on a
 * draft a header mark and a faint diagonal one on every page.
 */
function pageMarks(doc: PDFKit.PDFDocument, words: LetterWords, draft: boolean) {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const { width } = doc.page;
    // Writing inside a margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    if (i > start) {
      doc.font("regular").fontSize(SIZE.block).fillColor("black");
      doc.text(String(i - start + 1), 0, 10 * MM, { width, align: "center", lineBreak: false });
    }
    if (draft) drawDraftMark(doc, words.draft, { top: 8 * MM, right: MARGINS.right, fontSize: SIZE.block });
    doc.fillColor("black");
  }
}
