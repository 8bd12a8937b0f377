import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCore } from "../../cli/open-core.js";
import { loadConfig } from "../../core/config.js";
import { cliOn, SLOW } from "../support/app-process.js";
import { staffMember } from "../support/citizens.js";
import { qrOnFirstPage } from "../support/pdf-qr.js";
import { skipPdfText } from "../support/pdf-text.js";

/** `npm run cli -- paper …` as the sector runs it at a desk, on a PGlite of its own with one registrar. */

const REGISTRAR = 965001;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "otinish-paper-cli-"));
  await withCore(loadConfig({ DATA_DIR: path.join(dir, "data") }, "console"), (ctx) => staffMember(ctx, REGISTRAR, "registrar"));
}, SLOW);
afterAll(() => rm(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => cliOn(path.join(dir, "data"))("paper", ...args);
const letter = ["--name", "Серікқызы Айгерім", "--iin", "870615400228", "--address", "010000, Астана, Мәңгілік Ел даңғылы, 8", "--type", "complaint", "--language", "kk"];

describe("the paper command line", () => {
  it("registers a paper appeal in a registrar's name and writes the receipt whose QR code is its link", { timeout: SLOW }, async () => {
    const pdf = path.join(dir, "receipt.pdf");
    const run = await cli("register", "--as", String(REGISTRAR), ...letter, "--text", "Сот шешімі орындалмады.", "--pdf", pdf, "--bot", "otinish_bot");
    expect(run.stderr).toEqual([]);
    expect(run.stdout[0]).toMatch(/^ЖТ-2026-000001: received /);
    const link = run.stdout.at(-1)!;
    expect(link).toMatch(/^https:\/\/t\.me\/otinish_bot\?start=track_[A-Za-z0-9_-]{32}$/);
    if (!skipPdfText) expect(await qrOnFirstPage(await readFile(pdf))).toBe(link);

    // A wrong IIN is refused with the bot's words, and nothing is numbered.
    const wrong = await cli("register", "--as", String(REGISTRAR), ...letter.map((v) => (v === "870615400228" ? "870615400229" : v)), "--text", "Тағы бір хат.", "--pdf", pdf);
    expect({ code: wrong.code, err: wrong.stderr.join("\n") }).toEqual({ code: 1, err: expect.stringContaining("check digit") });
    const again = await cli("receipt", "--as", String(REGISTRAR), "--number", "ЖТ-2026-000001", "--pdf", pdf, "--bot", "otinish_bot");
    expect(again.stdout[0]).toMatch(/^ЖТ-2026-000001: /);
    expect(again.stdout.at(-1)).not.toBe(link);
  });

  it("refuses an incomplete command line before opening the database", async () => {
    const run = await cli("register", "--as", String(REGISTRAR), ...letter, "--pdf", "x.pdf");
    expect(run.code).toBe(2);
    expect(run.stderr.join("\n")).toContain("give the appeal's --text, its --scan, or both");
  });
});
