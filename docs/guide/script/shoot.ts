import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Language } from "../../../core/shared/roles.js";
import { launchChromium } from "../../../test/support/browser.js";
import { GuideChat } from "./chat.js";
import { startGuideSandbox } from "./sandbox.js";

/** Where the pictures go: docs/guide/screens/<language>/. */
export const SCREENS_DIR = fileURLToPath(new URL("../screens/", import.meta.url));

/** A phone's screen, at one pixel per point, so each picture stays small. */
const PHONE = { width: 390, height: 760 };
const PAGE_MS = 15_000;

export type Walk = (chat: GuideChat) => Promise<void>;

/**
 * Walks the roles in order through a fresh sandbox in one language, in Chromium, saving each
 * step's picture; returns the files written. Later walks build on earlier ones (the registrar
 * finds the applicant's appeal), so a walk list is always a prefix of the story or stands alone.
 */
export async function shootGuide(language: Language, walks: Walk[], outDir = SCREENS_DIR): Promise<string[]> {
  const sandbox = await startGuideSandbox();
  try {
    const browser = await launchChromium(PAGE_MS);
    try {
      await browser.page.setViewportSize(PHONE);
      await browser.page.goto(sandbox.url, { timeout: PAGE_MS });
      const chat = new GuideChat(browser.page, language, path.resolve(outDir));
      for (const walk of walks) await walk(chat);
      return chat.shots;
    } finally {
      await browser.close();
    }
  } finally {
    await sandbox.stop();
  }
}
