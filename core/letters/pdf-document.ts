import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

/** The DejaVu Sans files are read once; they cover Kazakh Cyrillic (ә ғ қ ң ө ұ ү һ і) with no system fonts. */
let fonts: Promise<{ regular: Buffer; bold: Buffer }> | undefined;
export function loadFonts() {
  const require = createRequire(import.meta.url);
  const read = (file: string) => readFile(require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
  fonts ??= Promise.all([read("DejaVuSans.ttf"), read("DejaVuSans-Bold.ttf")]).then(([regular, bold]) => ({ regular, bold }));
  return fonts;
}

/** A printed document's bytes, complete once the caller has called `doc.end()`. */
export function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

/**
 * pdfkit, loaded when the first document is drawn: every process that builds the bot (each test
 * file, the console) would otherwise pay for it at start.
 */
export async function pdfKit(): Promise<typeof import("pdfkit")> {
  return (await import("pdfkit")).default;
}

/**
 * A draft's marks on the current page (the "bold" font registered): the word in red at the top
 * right, and faintly across the diagonal, so no printed copy passes for a signed document.
 */
export function drawDraftMark(doc: PDFKit.PDFDocument, word: string, at: { top: number; right: number; fontSize: number }): void {
  const { width, height } = doc.page;
  doc.font("bold").fontSize(at.fontSize).fillColor("#b00000");
  doc.text(word, 0, at.top, { width: width - at.right, align: "right", lineBreak: false });
  // Across the diagonal, sized to half its length whatever the word.
  const size = (Math.hypot(width, height) / 2 / doc.fontSize(100).widthOfString(word)) * 100;
  doc.save();
  doc.rotate(-Math.atan2(height, width) * (180 / Math.PI), { origin: [width / 2, height / 2] });
  doc.fontSize(size).fillOpacity(0.08);
  doc.text(word, width / 2 - doc.widthOfString(word) / 2, height / 2 - size / 2, { lineBreak: false });
  doc.restore();
}
