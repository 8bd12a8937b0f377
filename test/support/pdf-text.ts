import { spawnSync } from "node:child_process";

/**
 * A PDF read back by poppler's pdftotext, as a citizen's PDF reader or a copy-paste would see it.
 * Without poppler a developer's run skips these checks with the way to get it; CI must not pass
 * silently, so there they fail.
 */
export const popplerMissing =
  spawnSync("pdftotext", ["-v"]).error !== undefined ? "pdftotext not found: install poppler-utils (`apt-get install -y poppler-utils`)" : null;

export const skipPdfText = popplerMissing !== null && !process.env.CI;

export function pdfText(pdf: Uint8Array): string {
  const run = spawnSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: pdf, encoding: "utf8" });
  if (run.error) throw new Error(`pdftotext could not run: ${popplerMissing ?? run.error.message}`);
  if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr}`);
  return run.stdout;
}
