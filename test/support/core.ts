import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { diskFileStore } from "../../core/files/file-store.js";
import { ManualClock } from "../../core/shared/clock.js";
import type { Ctx, Logger } from "../../core/shared/context.js";
import type { Database } from "../../db/client.js";

/** Swallows logs in tests while keeping the warnings for inspection. */
export function quietLogger(): Logger & { warnings: object[] } {
  const warnings: object[] = [];
  return { debug() {}, info() {}, warn: (obj) => void warnings.push(obj), error: (obj) => void warnings.push(obj), warnings };
}

/** One scratch folder per test process for stored files (letters, uploads). */
const filesDir = mkdtempSync(path.join(tmpdir(), "otinish-test-files-"));

export function testCtx(database: Database, at = "2026-03-02T09:00:00+05:00"): Ctx & { clock: ManualClock; log: ReturnType<typeof quietLogger> } {
  return { db: database.db, clock: new ManualClock(at), log: quietLogger(), files: diskFileStore(filesDir) };
}
