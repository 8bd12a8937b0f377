import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

/** Bytes taken in but not yet kept: a temporary file, with the hash and size counted on the way. */
export interface Received {
  tempPath: string;
  sha256: string;
  size: number;
}

/** Where file bytes live, by SHA-256: the same content is kept once, and a hash names it for good. */
export interface FileStore {
  save(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
  pathOf(sha256: string): string;
  /**
   * Streams bytes to a temporary file, hashing them as they pass; stops reading once more than
   * `maxBytes` came and returns "too_large", leaving nothing behind.
   */
  receive(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Received | "too_large">;
  /** Moves received bytes into the store under their hash. */
  keep(received: Received): Promise<void>;
  /** Drops received bytes that were refused. */
  discard(received: Received): Promise<void>;
  /** Takes kept bytes out for good (personal data whose term ran out); bytes already gone are fine. */
  remove(sha256: string): Promise<void>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Thrown inside the stream to stop it; never leaves `receive`. */
class OverLimit extends Error {}

/** Files under a directory (FILES_DIR), two hex characters of fan-out so no folder grows huge. */
export function diskFileStore(dir: string): FileStore {
  const pathOf = (sha256: string) => path.join(dir, sha256.slice(0, 2), sha256);
  // Temporary files sit on the same disk as the store, so keeping one is a rename.
  const incoming = path.join(dir, "incoming");
  const moveIn = async (from: string, sha256: string) => {
    const target = pathOf(sha256);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(from, target);
  };
  return {
    pathOf,
    async save(bytes) {
      const sha256 = sha256Hex(bytes);
      await mkdir(incoming, { recursive: true });
      // Write then rename, so a crash never leaves a half file under a valid hash.
      const partial = path.join(incoming, `${randomUUID()}.part`);
      await writeFile(partial, bytes);
      await moveIn(partial, sha256);
      return { sha256, size: bytes.length };
    },
    async receive(source, maxBytes) {
      await mkdir(incoming, { recursive: true });
      const tempPath = path.join(incoming, `${randomUUID()}.part`);
      const hash = createHash("sha256");
      let size = 0;
      const count = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          if (size > maxBytes) return done(new OverLimit());
          hash.update(chunk);
          done(null, chunk);
        },
      });
      try {
        await pipeline(source, count, createWriteStream(tempPath, { flags: "wx" }));
      } catch (error) {
        await rm(tempPath, { force: true });
        if (error instanceof OverLimit) return "too_large";
        throw error;
      }
      return { tempPath, sha256: hash.digest("hex"), size };
    },
    keep: (received) => moveIn(received.tempPath, received.sha256),
    discard: (received) => rm(received.tempPath, { force: true }),
    remove: (sha256) => rm(pathOf(sha256), { force: true }),
  };
}
