import { createHash, randomUUID } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";

/** Where file bytes live, by SHA-256: the same content is kept once, and a hash names it for good. */
export interface FileStore {
  save(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
  pathOf(sha256: string): string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Files under a directory (FILES_DIR), two hex characters of fan-out so no folder grows huge. */
export function diskFileStore(dir: string): FileStore {
  const pathOf = (sha256: string) => path.join(dir, sha256.slice(0, 2), sha256);
  return {
    pathOf,
    async save(bytes) {
      const sha256 = sha256Hex(bytes);
      const target = pathOf(sha256);
      await mkdir(path.dirname(target), { recursive: true });
      // Write then rename, so a crash never leaves a half file under a valid hash.
      const partial = `${target}.${randomUUID()}.part`;
      await writeFile(partial, bytes);
      await rename(partial, target);
      return { sha256, size: bytes.length };
    },
  };
}
