import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { extract } from "tar";
import { MIGRATIONS_FOLDER, migrationsKey } from "./migrations-key.js";

const CACHE_DIR = path.join(tmpdir(), "otinish-pglite");

/**
 * A fresh PGlite spends seconds in initdb and then runs every migration; a data directory made
 * once, migrated, and loaded into each new database skips both. It is kept per PGlite version and
 * per set of migrations, so a new migration or an upgrade makes a new one.
 */
export async function migratedPgliteImage(cacheDir = CACHE_DIR): Promise<Blob> {
  const image = await imageOf(cacheDir);
  return typeof image === "string" ? new Blob([await readFile(image)]) : image;
}

/**
 * Writes a new database's files into `dataDir` from the image, streamed from disk. PGlite's own
 * loading (`loadDataDir`) reads the whole tar into memory and slices every file out of it: two
 * copies of its 43 MB that stay in the process until a full garbage collection, which a bot at
 * rest may not run for a long while. PG_VERSION, which makes the folder a database, is written
 * last, so a start cut short leaves a folder that is still seen as new and unpacked again.
 * False when the image could not be kept on disk (the caller loads it with PGlite's loader).
 */
export async function unpackPgliteImage(dataDir: string, cacheDir = CACHE_DIR): Promise<boolean> {
  const image = await imageOf(cacheDir);
  if (typeof image !== "string") return false;
  const isVersion = (entryPath: string) => entryPath.replace(/^[./]+/, "") === "PG_VERSION";
  // The database's files are its owner's alone, whatever modes the image recorded. tar keeps every
  // entry inside `cwd`: PGlite names them from "/", which tar strips (and says so, which is fine);
  // any other word from it (an entry it could not write) fails the unpacking.
  const problems: string[] = [];
  const unpack = (wanted: (entryPath: string) => boolean) =>
    extract({
      file: image,
      cwd: dataDir,
      // Read a megabyte at a time (tar's default is 16): what is read stays in memory until a full collection.
      maxReadSize: 1 << 20,
      filter: (entryPath, entry) => {
        if ("type" in entry) entry.mode = entry.type === "Directory" ? 0o700 : 0o600;
        return wanted(entryPath);
      },
      onwarn: (code, message) => void (code === "TAR_ENTRY_INFO" || problems.push(`${code}: ${message}`)),
    });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await unpack((entryPath) => !isVersion(entryPath));
  if (problems.length > 0) throw new Error(`the PGlite image did not unpack: ${problems.join("; ")}`);
  await unpack(isVersion);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) throw new Error("the PGlite image has no PG_VERSION");
  return true;
}

/** The image: the cached tar's path, or the image itself when the cache cannot be written. */
async function imageOf(cacheDir: string): Promise<string | Blob> {
  const file = path.join(cacheDir, `${imageKey()}.tar`);
  if (existsSync(file)) return file;
  const image = await makeImage();
  // Written aside and renamed, so a process starting at the same moment reads a whole file or none.
  // A folder that cannot be written only makes the next new database slower: the start goes on.
  const partial = `${file}.${process.pid}.partial`;
  const kept = await mkdir(cacheDir, { recursive: true })
    .then(async () => writeFile(partial, Buffer.from(await image.arrayBuffer())))
    .then(() => rename(partial, file))
    .then(
      () => true,
      () => false,
    );
  return kept ? file : image;
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
