import QRCode from "qrcode";
import type { DbOrTx } from "../../db/client.js";
import { labels } from "../../locales/index.js";
import type { PaperReceipt } from "../appeals/paper-register.js";
import { trackLink } from "../appeals/track-token.js";
import { almatyDate, almatyDateTime, dottedDate } from "../calendar/dates.js";
import { loadLetterWords } from "./letter-words.js";
import { loadFonts, pdfBytes, pdfKit } from "./pdf-document.js";

const MM = 72 / 25.4;
const MARGIN = 20 * MM;
/** Large enough for a phone to read from a hand-held sheet; the quiet zone of four modules around it is left white. */
const QR_SIDE = 55 * MM;
const QR_QUIET_MODULES = 4;

/**
 * The receipt a registrar prints for a paper or e-mailed appeal, in the appeal's language: the
 * department, the number, when it was received and registered, the deadline, and the QR code of the
 * one-time link to follow it in Telegram, with the link written out for whoever types it.
 */
export async function renderPaperReceipt(db: DbOrTx, receipt: PaperReceipt, botUsername: string, printedAt: Date): Promise<{ pdf: Buffer; link: string; fileName: string }> {
  const link = trackLink(botUsername, receipt.token);
  const t = labels(receipt.language);
  const words = await loadLetterWords(db, receipt.language);
  const { regular, bold } = await loadFonts();
  const PDFDocument = await pdfKit();
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    lang: receipt.language === "kk" ? "kk-KZ" : "ru-RU",
    info: { Title: t("paper.receipt.title"), Subject: receipt.number, Producer: "Otinish", Creator: "Otinish", CreationDate: printedAt, ModDate: printedAt },
  });
  const done = pdfBytes(doc);
  doc.registerFont("regular", regular);
  doc.registerFont("bold", bold);
  const width = doc.page.width - 2 * MARGIN;

  doc.font("bold").fontSize(12);
  for (const line of words.letterhead.split(/\r?\n/)) doc.text(line, MARGIN, undefined, { width, align: "center" });
  const rule = doc.y + 4;
  doc.moveTo(MARGIN, rule).lineTo(MARGIN + width, rule).lineWidth(1).stroke();
  doc.y = rule + 16;
  doc.fontSize(14).text(t("paper.receipt.title"), MARGIN, undefined, { width, align: "center" });
  doc.moveDown(1);

  const rows: [string, string][] = [
    [t("paper.receipt.number"), receipt.number],
    [t("paper.receipt.received"), almatyDateTime(receipt.receivedAt)],
    [t("paper.receipt.registered"), dottedDate(receipt.registeredOn)],
    [t("paper.receipt.due"), dottedDate(receipt.dueOn)],
  ];
  for (const [name, value] of rows) {
    const y = doc.y;
    doc.font("regular").fontSize(11).text(name, MARGIN, y, { width: width * 0.55 });
    const below = doc.y;
    doc.font("bold").text(value, MARGIN + width * 0.55, y, { width: width * 0.45 });
    doc.y = Math.max(below, doc.y) + 4;
  }

  doc.moveDown(1);
  drawQr(doc, link, MARGIN + (width - QR_SIDE) / 2, doc.y);
  doc.y += QR_SIDE + 8;
  doc.font("regular").fontSize(9).text(link, MARGIN, undefined, { width, align: "center" });
  doc.moveDown(1);
  doc.fontSize(11).text(t("paper.receipt.instruction", { until: dottedDate(almatyDate(receipt.expiresAt)) }), MARGIN, undefined, { width, align: "justify", lineGap: 2 });
  doc.end();
  return { pdf: await done, link, fileName: `${receipt.number}.pdf` };
}

/** The code drawn as squares, not a picture: sharp at any print size. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const module = QR_SIDE / (modules.size + 2 * QR_QUIET_MODULES);
  const origin = { x: x + QR_QUIET_MODULES * module, y: y + QR_QUIET_MODULES * module };
  doc.save().fillColor("black");
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) doc.rect(origin.x + col * module, origin.y + row * module, module, module);
    }
  }
  doc.fill().restore();
}
