import { spawnSync } from "node:child_process";

/**
 * A PDF read back by poppler's pdftotext, as a citizen's PDF reader or a copy-paste would see it.
 * Without poppler a developer's run skips these checks with the way to get it; CI must not pass
 * silently, so there they fail.
 */
export const popplerMissing =
  spawnSync("pdftotext", ["-v"]).error !== undefined ? "pdftotext not found: install poppler-utils (`apt-get install -y poppler-utils`)" : null;

export const skipPdfText = popplerMissing !== null && !process.env.CI;

/** `layout`: keep each printed line as it stands on the page (a position and the name beside it). */
export function pdfText(pdf: Uint8Array, options: { layout?: boolean } = {}): string {
  const args = ["-enc", "UTF-8", ...(options.layout ? ["-layout"] : []), "-", "-"];
  const run = spawnSync("pdftotext", args, { input: pdf, encoding: "utf8" });
  if (run.error) throw new Error(`pdftotext could not run: ${popplerMissing ?? run.error.message}`);
  if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr}`);
  return run.stdout;
}
