import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diskFileStore, sha256Hex, type FileStore } from "../../core/files/file-store.js";

let dir: string;
let store: FileStore;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "otinish-store-"));
  store = diskFileStore(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const filesIn = async () => (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));

async function* source(...parts: Uint8Array[]) {
  yield* parts;
}

describe("bytes received into the file store", () => {
  it("keeps what came under its SHA-256, and drops what was refused", async () => {
    const empty = await store.receive(source(), 10);
    expect(empty).toMatchObject({ size: 0 });
    if (empty !== "too_large") await store.discard(empty);
    expect(await filesIn()).toEqual([]);

    const bytes = new TextEncoder().encode("%PDF-1.4 арыз");
    const kept = await store.receive(source(bytes), 1024);
    if (kept === "too_large") throw new Error("under the limit");
    expect(kept).toMatchObject({ sha256: sha256Hex(bytes), size: bytes.length });
    await store.keep(kept);
    expect(await filesIn()).toEqual([path.join(kept.sha256.slice(0, 2), kept.sha256)]);
    expect(new Uint8Array(await readFile(store.pathOf(kept.sha256)))).toEqual(bytes);
  });

  it("stops reading an endless source past the limit and leaves nothing behind", async () => {
    let read = 0;
    async function* endless() {
      for (;;) {
        read += 64 * 1024;
        yield new Uint8Array(64 * 1024);
      }
    }
    const before = await filesIn();
    expect(await store.receive(endless(), 1024 * 1024)).toBe("too_large");
    expect(read).toBeLessThan(2 * 1024 * 1024);
    expect(await filesIn()).toEqual(before);
  });

  it("takes exactly the limit", async () => {
    const received = await store.receive(source(...Array.from({ length: 16 }, () => new Uint8Array(64 * 1024))), 1024 * 1024);
    expect(received).toMatchObject({ size: 1024 * 1024 });
    if (received !== "too_large") await store.discard(received);
  });
});
