import PDFDocument from "pdfkit";
import type { AnswerLanguage, DecisionOutcome } from "../appeals/kinds.js";
import { dottedDate, isIsoDate, type IsoDate } from "../calendar/dates.js";
import { LETTER_WORDS, type LetterWords } from "./letter-words.js";
import { loadFonts, pdfBytes } from "./pdf-document.js";

export interface AnswerLetter {
  language: AnswerLanguage;
  /** Null on a draft preview: the number is given at approval. */
  outgoingNumber: string | null;
  date: IsoDate;
  appealNumber: string;
  appealReceivedOn: IsoDate;
  addressee: { name: string; organization?: string | null; postalAddress?: string | null };
  text: string;
  outcome: DecisionOutcome;
  signer: { name: string; position: string };
  /** The Head, when a deputy signs in the Head's absence (Reg. 13, 14). */
  authority?: { name: string; position: string } | null;
  draft: boolean;
}

// A4, in points; the wide left margin leaves room to bind the copy into the file.
const MM = 72 / 25.4;
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const SIZE = { letterhead: 12, block: 10, body: 11, footer: 8 };

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
  const words = LETTER_WORDS[letter.language];
  const date = dottedDate(letter.date);
  const stamp = new Date(`${letter.date}T00:00:00Z`);
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGINS,
    bufferPages: true,
    pdfVersion: "1.7",
    lang: letter.language === "kk" ? "kk-KZ" : "ru-RU",
    displayTitle: true,
    info: {
      Title: words.title(letter.appealNumber),
      Subject: words.outgoing(letter.outgoingNumber, date),
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
  for (const line of words.department) doc.text(line, left, undefined, { width, align: "center" });
  const rule = doc.y + 4;
  doc.moveTo(left, rule).lineTo(left + width, rule).lineWidth(1.5).stroke();
  doc.moveTo(left, rule + 3).lineTo(left + width, rule + 3).lineWidth(0.5).stroke();

  // Number, date and subject on the left; the addressee on the right, from the same line.
  const top = rule + 18;
  const reference = width * 0.55;
  const addressee = width * 0.4;
  const right = left + width - addressee;
  doc.font("regular").fontSize(SIZE.block);
  doc.text(words.outgoing(letter.outgoingNumber, date), left, top, { width: reference });
  doc.moveDown(0.5).text(words.subject(letter.appealNumber, dottedDate(letter.appealReceivedOn)), { width: reference });
  const leftEnd = doc.y;
  doc.font("bold").text(letter.addressee.name, right, top, { width: addressee });
  doc.font("regular");
  for (const line of [letter.addressee.organization, letter.addressee.postalAddress]) {
    if (line?.trim()) doc.text(line.trim(), right, undefined, { width: addressee });
  }
  doc.y = Math.max(leftEnd, doc.y) + 24;

  // The answer: one paragraph per line, justified, flowing onto further pages.
  doc.font("regular").fontSize(SIZE.body);
  const paragraphs = letter.text.replace(/\t/g, " ").split(/\r?\n/).map((p) => p.trim()).filter(Boolean);
  for (const paragraph of paragraphs) {
    doc.text(paragraph, left, undefined, { width, align: "justify", indent: 35, lineGap: 2, paragraphGap: 6 });
  }
  closing(doc, letter, words, left, width);
  pageMarks(doc, words, letter.draft);
  doc.end();
  return done;
}

/**
 * The outcome and the signature, kept together on one page so a signature never stands alone:
 * position on the left, name on the right on the position's last line.
 */
function closing(doc: PDFKit.PDFDocument, letter: AnswerLetter, words: LetterWords, left: number, width: number) {
  const { signer, authority } = letter;
  const outcome = words.outcome(letter.outcome);
  const authorityLine = authority ? `${words.signedFor} ${authority.position} ${authority.name}` : null;
  const positionWidth = width * 0.6;
  const gap = 36;
  const height =
    doc.font("regular").fontSize(SIZE.body).heightOfString(outcome, { width }) +
    gap +
    (authorityLine ? doc.fontSize(SIZE.block).heightOfString(authorityLine, { width }) + 8 : 0) +
    doc.font("bold").fontSize(SIZE.body).heightOfString(signer.position, { width: positionWidth });
  if (doc.y + doc.currentLineHeight() + height > doc.page.height - MARGINS.bottom) doc.addPage();

  doc.font("regular").fontSize(SIZE.body).moveDown(0.5).text(outcome, left, undefined, { width });
  doc.y += gap;
  if (authorityLine) {
    doc.fontSize(SIZE.block).text(authorityLine, left, undefined, { width });
    doc.moveDown(0.6);
  }
  doc.font("bold").fontSize(SIZE.body).text(signer.position, left, doc.y, { width: positionWidth });
  const bottom = doc.y;
  doc.text(signer.name, left + positionWidth, bottom - doc.currentLineHeight(true), { width: width - positionWidth, align: "right" });
  doc.y = bottom;
}

/** Page numbers, and on a draft a header mark and a faint diagonal one on every page. */
function pageMarks(doc: PDFKit.PDFDocument, words: LetterWords, draft: boolean) {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    // Writing inside the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc.font("regular").fontSize(SIZE.footer).fillColor("#555555");
    doc.text(words.page(i - start + 1, count), 0, height - 12 * MM, { width, align: "center", lineBreak: false });
    if (draft) {
      doc.font("bold").fontSize(SIZE.block).fillColor("#b00000");
      doc.text(words.draft, 0, 8 * MM, { width: width - MARGINS.right, align: "right", lineBreak: false });
      // Across the diagonal, sized to half its length whatever the word.
      const size = (Math.hypot(width, height) / 2 / doc.fontSize(100).widthOfString(words.draft)) * 100;
      doc.save();
      doc.rotate(-Math.atan2(height, width) * (180 / Math.PI), { origin: [width / 2, height / 2] });
      doc.fontSize(size).fillOpacity(0.08);
      doc.text(words.draft, width / 2 - doc.widthOfString(words.draft) / 2, height / 2 - size / 2, { lineBreak: false });
      doc.restore();
    }
    doc.fillColor("black");
  }
}
