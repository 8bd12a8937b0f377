import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, unlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client.js";
import { unpackPgliteImage } from "../../db/pglite-image.js";
import { rowsOf } from "../../db/rows.js";

/** A new PGlite folder is laid out from the migrated image before PGlite opens it. */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "otinish-pglite-image-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function tables(dataDir: string): Promise<string[]> {
  const database = await openDatabase({ dataDir });
  try {
    return (await rowsOf<{ tablename: string }>(database.db, sql`select tablename from pg_tables where schemaname = 'public'`)).map((r) => r.tablename);
  } finally {
    await database.close();
  }
}

describe("the migrated PGlite image", () => {
  it("opens as a migrated database, and keeps what was written across a restart", async () => {
    const dataDir = path.join(dir, "new");
    expect(await tables(dataDir)).toContain("appeals");
    const first = await openDatabase({ dataDir });
    await first.db.execute(sql`create table kept (n int)`);
    await first.db.execute(sql`insert into kept values (7)`);
    await first.close();
    const again = await openDatabase({ dataDir });
    try {
      expect(await rowsOf(again.db, sql`select n from kept`)).toEqual([{ n: 7 }]);
    } finally {
      await again.close();
    }
  }, 60_000);

  it("writes PG_VERSION last: a folder unpacked without it is unpacked again and opens", async () => {
    const dataDir = path.join(dir, "cut-short");
    expect(await unpackPgliteImage(dataDir)).toBe(true);
    expect(existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);
    expect(await readdir(path.join(dataDir, "base"))).not.toHaveLength(0);
    // As if the start had stopped just before the last file.
    await unlink(path.join(dataDir, "PG_VERSION"));
    expect(await tables(dataDir)).toContain("appeals");
  }, 60_000);

  it("opens with PostgreSQL's shared memory sized for its one session", async () => {
    const database = await openDatabase({ dataDir: path.join(dir, "settings") });
    try {
      const settings = await rowsOf<{ name: string; setting: string }>(database.db, sql`select name, setting from pg_settings where name in ('shared_buffers', 'max_connections') order by name`);
      // shared_buffers counts 8 kB pages: 16 MB.
      expect(settings).toEqual([{ name: "max_connections", setting: "5" }, { name: "shared_buffers", setting: "2048" }]);
    } finally {
      await database.close();
    }
  }, 60_000);
});
