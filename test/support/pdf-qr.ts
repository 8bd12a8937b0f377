import { spawn } from "node:child_process";
import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { popplerMissing } from "./pdf-text.js";

// jsQR is CommonJS typed as an ES default export: under NodeNext the function is the module itself.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

/** Poppler renders the page without blocking: the emulator and the bot share this process and keep serving meanwhile. */
function firstPagePng(pdf: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("pdftoppm", ["-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", "-"]);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error) => reject(new Error(`pdftoppm could not run: ${popplerMissing ?? error.message}`)));
    child.on("close", (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`pdftoppm failed: ${Buffer.concat(err).toString()}`))));
    child.stdin.end(pdf);
  });
}

/**
 * The QR code on a PDF's first page, read as a phone would read the printed page: poppler renders
 * it at 150 dpi, and jsQR decodes the picture. Null when the page has no readable code.
 */
export async function qrOnFirstPage(pdf: Uint8Array): Promise<string | null> {
  const png = PNG.sync.read(await firstPagePng(pdf));
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ?? null;
}
