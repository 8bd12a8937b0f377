import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import type { RunningApp } from "../../bot/app.js";
import { loadConfig } from "../../core/config.js";
import { startSandbox } from "../../sandbox/start.js";

/** Debian's Chromium; the tests never download a browser of their own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Why Chromium cannot be started here, or null when it can. */
export function chromiumMissing(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  return `no Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install chromium\` (or set CHROMIUM_PATH)`;
}

/**
 * The whole app as `npm start` runs it without a token: the Bot API emulator, the web chat and
 * the real bot, here in-process, on a free port and on a fresh data directory of its own.
 */
export interface SandboxApp {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startSandboxApp(): Promise<SandboxApp> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "otinish-webchat-"));
  let app: RunningApp;
  try {
    const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "silent" });
    if (config.mode !== "sandbox") throw new Error(`expected the sandbox mode, got ${config.mode}`);
    app = await startSandbox({ config, log: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }) });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: app.url,
    dataDir,
    async stop() {
      try {
        await app.stop();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

export interface Browser {
  page: Page;
  /** Saves what the page shows as a PNG in a kept temporary folder, and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Headless Chromium on a fresh profile, with one page whose waits give up after `timeoutMs`. */
export async function launchChromium(timeoutMs: number): Promise<Browser> {
  const missing = chromiumMissing();
  if (missing) throw new Error(`Chromium is required for the web chat test: ${missing}`);
  const profile = await mkdtemp(path.join(os.tmpdir(), "otinish-chromium-"));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 30_000,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(timeoutMs);
  let shots: string | undefined;
  return {
    page,
    async screenshot(name) {
      shots ??= await mkdtemp(path.join(os.tmpdir(), "otinish-webchat-failure-"));
      const file = path.join(shots, `${name.replace(/[^\p{L}\p{N}]+/gu, "-").slice(0, 80)}.png`);
      await page.screenshot({ path: file, fullPage: true, timeout: 5_000 });
      return file;
    },
    async close() {
      try {
        await context.close();
      } finally {
        await rm(profile, { recursive: true, force: true });
      }
    },
  };
}
