import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { loadConfig } from "../../../core/config.js";
import { ManualClock } from "../../../core/shared/clock.js";
import { startSandbox } from "../../../sandbox/start.js";

/**
 * The guide's pictures show one fixed morning, a working Monday, so dates in them stay the same
 * from one run to the next; the clock stands still, as in the end-to-end tests.
 */
export const GUIDE_MORNING = "2026-03-02T10:00:00+05:00";

export interface GuideSandbox {
  url: string;
  stop(): Promise<void>;
}

/** The sandbox as `npm start` runs it, on a fresh temporary data folder, a free port and the guide's clock. */
export async function startGuideSandbox(): Promise<GuideSandbox> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "otinish-guide-"));
  try {
    // No scheduler: a morning digest arriving mid-walk would land in someone's picture.
    const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "silent", SCHEDULER: "off" });
    if (config.mode !== "sandbox") throw new Error(`expected the sandbox mode, got ${config.mode}`);
    const app = await startSandbox({ config, log: pino({ level: "silent" }), clock: new ManualClock(GUIDE_MORNING) });
    return {
      url: app.url,
      async stop() {
        try {
          await app.stop();
        } finally {
          await rm(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
