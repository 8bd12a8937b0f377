import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, open, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
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
 * Writes a new database's files into `dataDir` from the image, a block at a time. PGlite's own
 * loading (`loadDataDir`) reads the whole tar into memory and slices every file out of it: two
 * copies of its 43 MB that stay in the process until a full garbage collection, which a bot at
 * rest may not run for a long while. PG_VERSION, which makes the folder a database, is written
 * last, so a start cut short leaves a folder that is still seen as new and unpacked again.
 * False when the image could not be kept on disk (the caller loads it with PGlite's loader).
 */
export async function unpackPgliteImage(dataDir: string, cacheDir = CACHE_DIR): Promise<boolean> {
  const image = await imageOf(cacheDir);
  if (typeof image !== "string") return false;
  const tar = await open(image);
  try {
    let version: Buffer | undefined;
    for await (const entry of tarEntries(tar)) {
      const target = path.join(dataDir, entry.name);
      if (!target.startsWith(dataDir + path.sep)) throw new Error(`the PGlite image names a file outside its folder: ${entry.name}`);
      if (entry.type === "dir") await mkdir(target, { recursive: true, mode: 0o700 });
      else if (entry.name.replace(/^\/+/, "") === "PG_VERSION") version = await entry.read();
      else {
        await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
        await entry.copyTo(target);
      }
    }
    if (!version) throw new Error("the PGlite image has no PG_VERSION");
    await writeFile(path.join(dataDir, "PG_VERSION"), version, { mode: 0o600 });
    return true;
  } finally {
    await tar.close();
  }
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

interface TarEntry {
  name: string;
  type: "file" | "dir";
  read(): Promise<Buffer>;
  copyTo(target: string): Promise<void>;
}

const BLOCK = 512;

/**
 * The entries of a tar as PGlite writes it (`dumpDataDir`): ustar headers, names within the
 * 100-byte name field, regular files and folders only. Anything else is refused rather than
 * guessed at.
 */
async function* tarEntries(tar: Awaited<ReturnType<typeof open>>): AsyncGenerator<TarEntry> {
  const header = Buffer.alloc(BLOCK);
  const chunk = Buffer.alloc(1 << 20);
  let position = 0;
  for (;;) {
    const { bytesRead } = await tar.read(header, 0, BLOCK, position);
    // Two zeroed blocks end the archive; PGlite also ends it there.
    if (bytesRead < BLOCK || header.every((b) => b === 0)) return;
    const text = (from: number, length: number) => header.toString("latin1", from, from + length).replace(/\0.*$/s, "").trim();
    const name = header.toString("utf8", 0, 100).replace(/\0.*$/s, "");
    const flag = text(156, 1);
    if (text(257, 5) !== "ustar" || !["0", "", "5"].includes(flag)) throw new Error(`unexpected entry in the PGlite image: ${name} (type "${flag}")`);
    const size = flag === "5" ? 0 : parseInt(text(124, 12) || "0", 8);
    const start = position + BLOCK;
    position = start + Math.ceil(size / BLOCK) * BLOCK;
    yield {
      name,
      type: flag === "5" ? "dir" : "file",
      async read() {
        const data = Buffer.alloc(size);
        await tar.read(data, 0, size, start);
        return data;
      },
      async copyTo(target) {
        const out = await open(target, "w", 0o600);
        try {
          for (let done = 0; done < size; ) {
            const { bytesRead: n } = await tar.read(chunk, 0, Math.min(chunk.length, size - done), start + done);
            if (n === 0) throw new Error(`the PGlite image ends inside ${name}`);
            await out.write(chunk, 0, n);
            done += n;
          }
        } finally {
          await out.close();
        }
      },
    };
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
