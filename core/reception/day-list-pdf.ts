import { loadFonts, pdfBytes, pdfKit } from "../letters/pdf-document.js";
import type { DayEntry } from "./views.js";

/** The words of the printed list, translated by the interface that prints it. */
export interface DayListWords {
  title: string;
  subtitle: string;
  columns: { time: string; citizen: string; phone: string; matter: string; status: string };
  status(status: string): string;
  empty: string;
}

const MM = 72 / 25.4;
const MARGIN = 15 * MM;

function hhmm(instant: Date): string {
  return new Intl.DateTimeFormat("ru-RU", { timeZone: "Asia/Almaty", hour: "2-digit", minute: "2-digit" }).format(instant);
}

/** An official's reception day as a printable A4 list (landscape), for the reception desk. */
export async function renderDayList(entries: DayEntry[], words: DayListWords): Promise<Buffer> {
  const { regular, bold } = await loadFonts();
  const PDFDocument = await pdfKit();
  const doc = new PDFDocument({ size: "A4", layout: "landscape", margin: MARGIN, info: { Title: words.title, Producer: "Otinish", Creator: "Otinish" } });
  const done = pdfBytes(doc);
  doc.registerFont("regular", regular);
  doc.registerFont("bold", bold);
  const width = doc.page.width - 2 * MARGIN;
  doc.font("bold").fontSize(14).text(words.title, MARGIN, MARGIN, { width });
  doc.font("regular").fontSize(10).text(words.subtitle, { width }).moveDown();

  // Time, citizen, phone, matter, status: the matter takes what is left.
  const widths = [0.1, 0.2, 0.14, 0.42, 0.14].map((f) => f * width);
  const row = (cells: string[], font: "regular" | "bold") => {
    doc.font(font).fontSize(9);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 4 })));
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
    const top = doc.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      doc.text(cell, x, top, { width: widths[i]! - 4 });
      x += widths[i]!;
    });
    doc.y = top + height + 4;
    doc.moveTo(MARGIN, doc.y - 2).lineTo(MARGIN + width, doc.y - 2).lineWidth(0.3).stroke();
  };
  const c = words.columns;
  row([c.time, c.citizen, c.phone, c.matter, c.status], "bold");
  for (const e of entries) row([`${hhmm(e.startsAt)}–${hhmm(e.endsAt)}`, e.citizenName, e.phone, e.matter ?? "", words.status(e.status)], "regular");
  if (entries.length === 0) doc.font("regular").fontSize(10).text(words.empty, MARGIN, undefined, { width });
  doc.end();
  return done;
}
