import { spawnSync } from "node:child_process";
import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { popplerMissing } from "./pdf-text.js";

// jsQR is CommonJS typed as an ES default export: under NodeNext the function is the module itself.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

/**
 * The QR code on a PDF's first page, read as a phone would read the printed page: poppler renders
 * it at 150 dpi, and jsQR decodes the picture. Null when the page has no readable code.
 */
export function qrOnFirstPage(pdf: Uint8Array): string | null {
  const run = spawnSync("pdftoppm", ["-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", "-"], { input: pdf, maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`pdftoppm could not run: ${popplerMissing ?? run.error.message}`);
  if (run.status !== 0) throw new Error(`pdftoppm failed: ${run.stderr.toString()}`);
  const png = PNG.sync.read(run.stdout);
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ?? null;
}
