import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { MIGRATIONS_FOLDER, migrationsKey } from "./migrations-key.js";

/**
 * A fresh PGlite spends seconds in initdb and then runs every migration; a data directory made
 * once, migrated, and loaded into each new database skips both. It is kept per PGlite version and
 * per set of migrations, so a new migration or an upgrade makes a new one.
 */
export async function migratedPgliteImage(cacheDir = path.join(tmpdir(), "otinish-pglite")): Promise<Blob> {
  const file = path.join(cacheDir, `${imageKey()}.tar`);
  if (existsSync(file)) return new Blob([await readFile(file)]);
  const image = await makeImage();
  // Written aside and renamed, so a process starting at the same moment reads a whole file or none.
  // A folder that cannot be written only makes the next new database slower: the start goes on.
  const partial = `${file}.${process.pid}.partial`;
  await mkdir(cacheDir, { recursive: true })
    .then(async () => writeFile(partial, Buffer.from(await image.arrayBuffer())))
    .then(() => rename(partial, file))
    .catch(() => undefined);
  return image;
}

async function makeImage(): Promise<Blob> {
  const client = new PGlite();
  try {
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    return (await client.dumpDataDir("none")) as Blob;
  } finally {
    await client.close();
  }
}

let key: string | undefined;
function imageKey(): string {
  key ??= createHash("sha256").update(pgliteVersion()).update(migrationsKey()).digest("hex").slice(0, 16);
  return key;
}

/** The installed PGlite's version, from its package.json next to its entry file. */
function pgliteVersion(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
  while (!existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  return (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
}
