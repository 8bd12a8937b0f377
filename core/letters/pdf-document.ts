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
