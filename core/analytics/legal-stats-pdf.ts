import { almatyDateTime } from "../calendar/dates.js";
import { loadFonts, pdfBytes, pdfKit } from "../letters/pdf-document.js";
import type { Ctx } from "../shared/context.js";
import type { Actor } from "../shared/roles.js";
import { legalStatsSheet, type LegalStatsInput, type LegalStatsSheet, type SheetLine } from "./legal-stats-sheet.js";

const MM = 72 / 25.4;
/** The margins of an official document: wider on the left, for binding. */
const MARGINS = { top: 15 * MM, bottom: 15 * MM, left: 30 * MM, right: 15 * MM };
const NUMBER_WIDTH = 16 * MM;
const APPEALS_WIDTH = 32 * MM;
const PAD = 2.5;
const INDENT = 12;
const FONT_SIZE = 9.5;
const GAP = 4;

interface FooterLine {
  text: string;
  font: "regular" | "bold";
  size: number;
  indent?: number;
  /** Space above it. */
  space?: number;
}

/** Cells of one row, left to right, with where each starts and how wide it is. */
function cellsOf(doc: PDFKit.PDFDocument): { x: number; width: number }[] {
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  return [
    { x: MARGINS.left, width: NUMBER_WIDTH },
    { x: MARGINS.left + NUMBER_WIDTH, width: width - NUMBER_WIDTH - APPEALS_WIDTH },
    { x: MARGINS.left + width - APPEALS_WIDTH, width: APPEALS_WIDTH },
  ];
}

/** One row of ruled cells, as tall as its tallest text; on a new page when it does not fit. */
function drawRow(doc: PDFKit.PDFDocument, texts: [string, string, string], options: { font: string; indent?: number; fill?: string; centred?: boolean; header?: () => void }): void {
  const cells = cellsOf(doc);
  doc.font(options.font).fontSize(FONT_SIZE);
  const indent = options.indent ?? 0;
  const heights = texts.map((text, i) => doc.heightOfString(text || " ", { width: cells[i]!.width - 2 * PAD - (i === 1 ? indent : 0) }));
  const height = Math.max(...heights) + 2 * PAD;
  if (doc.y + height > doc.page.height - MARGINS.bottom) {
    doc.addPage();
    options.header?.();
  }
  const y = doc.y;
  if (options.fill) doc.save().rect(cells[0]!.x, y, cells[2]!.x + cells[2]!.width - cells[0]!.x, height).fill(options.fill).restore();
  doc.lineWidth(0.5);
  for (const cell of cells) doc.rect(cell.x, y, cell.width, height).stroke();
  doc.fillColor("black").font(options.font).fontSize(FONT_SIZE);
  texts.forEach((text, i) => {
    const left = i === 1 ? indent : 0;
    doc.text(text, cells[i]!.x + PAD + left, y + (height - heights[i]!) / 2, { width: cells[i]!.width - 2 * PAD - left, align: i === 1 && !options.centred ? "left" : "center" });
  });
  doc.y = y + height;
}

/** The report as an A4 page a department sends: its name, the title and period, the ruled table, the checks, when and by whom. */
export async function renderLegalStatsPdf(sheet: LegalStatsSheet): Promise<Buffer> {
  const { regular, bold } = await loadFonts();
  const PDFDocument = await pdfKit();
  const made = sheet.statistics.madeAt;
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGINS,
    lang: sheet.language === "kk" ? "kk-KZ" : "ru-RU",
    info: { Title: sheet.title, Subject: sheet.periodName, Producer: "Otinish", Creator: "Otinish", CreationDate: made, ModDate: made },
  });
  const done = pdfBytes(doc);
  doc.registerFont("regular", regular);
  doc.registerFont("bold", bold);
  const x = MARGINS.left;
  const width = doc.page.width - MARGINS.left - MARGINS.right;

  doc.font("bold").fontSize(11);
  for (const line of sheet.department) doc.text(line, x, undefined, { width, align: "center" });
  const rule = doc.y + 4;
  doc.moveTo(x, rule).lineTo(x + width, rule).lineWidth(1).stroke();
  doc.y = rule + 14;
  doc.font("bold").fontSize(13).text(sheet.title, x, undefined, { width, align: "center" });
  doc.font("regular").fontSize(10).text(sheet.subtitle, x, undefined, { width, align: "center" });
  doc.moveDown(0.6);
  doc.font("bold").fontSize(11).text(sheet.periodName, x, undefined, { width, align: "center" });
  doc.font("regular").fontSize(10).text(sheet.periodDates, x, undefined, { width, align: "center" });
  doc.moveDown(0.6);

  const header = () => drawRow(doc, [sheet.columns.number, sheet.columns.indicator, sheet.columns.appeals], { font: "bold", fill: "#e7e6e6", centred: true });
  header();
  for (const line of sheet.lines) drawRow(doc, cellsText(line), { font: line.total ? "bold" : "regular", indent: line.level * INDENT, header });

  // The checks, when and by whom: one block, kept on one page; a little space before the date and the signature.
  const footer: FooterLine[] = [
    { text: sheet.checked, font: "bold", size: 10 },
    ...sheet.checks.map((c): FooterLine => ({ text: `${c.label}: ${c.left} ${c.relation} ${c.right}`, font: "regular", size: 9, indent: INDENT })),
    ...(sheet.asOf ? [{ text: sheet.asOf, font: "regular", size: 9 } as const] : []),
    { text: `${sheet.madeAtLabel}: ${almatyDateTime(made)}`, font: "regular", size: 10, space: GAP },
    { text: `${sheet.madeByLabel}: ${sheet.madeBy}  ____________________`, font: "regular", size: 10, space: GAP },
  ];
  const at = (line: FooterLine) => ({ x: x + (line.indent ?? 0), width: width - (line.indent ?? 0) });
  const height = footer.reduce((sum, line) => sum + (line.space ?? 0) + doc.font(line.font).fontSize(line.size).heightOfString(line.text, { width: at(line).width }), 0);
  doc.y += GAP;
  if (doc.y + height > doc.page.height - MARGINS.bottom) doc.addPage();
  for (const line of footer) {
    doc.y += line.space ?? 0;
    doc.font(line.font).fontSize(line.size).text(line.text, at(line).x, undefined, { width: at(line).width });
  }
  doc.end();
  return done;
}

function cellsText(line: SheetLine): [string, string, string] {
  return [line.number, line.label, line.appeals === null ? "" : String(line.appeals)];
}

/** The legal-statistics report of a period as a PDF, in the reader's language; refused when its totals do not agree. */
export async function legalStatsPdf(ctx: Ctx, actor: Actor, input: LegalStatsInput): Promise<Buffer> {
  return renderLegalStatsPdf(await legalStatsSheet(ctx, actor, input));
}
