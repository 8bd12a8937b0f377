import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileKindOf } from "../../core/files/file-kind.js";
import { CFB, docx, EXE, HEIC, JPEG, pdf, PNG, WEBP, zip } from "../support/sample-files.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "otinish-kinds-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function kindOf(bytes: Uint8Array, name: string) {
  const file = path.join(dir, "upload");
  await writeFile(file, bytes);
  return fileKindOf(file, name);
}

describe("the kind of an upload, told by its bytes", () => {
  it("takes a PDF, a DOCX and a JPEG, whatever their names say", async () => {
    expect(await kindOf(pdf("a"), "scan")).toEqual({ extension: "pdf", mimeType: "application/pdf" });
    expect(await kindOf(docx("Өтініш"), "өтініш.pdf")).toEqual({ extension: "docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
    expect(await kindOf(JPEG, "photo.png")).toEqual({ extension: "jpg", mimeType: "image/jpeg" });
  });

  it("takes photos as phones and scanners save them", async () => {
    expect(await kindOf(PNG, "скан.png")).toEqual({ extension: "png", mimeType: "image/png" });
    expect(await kindOf(WEBP, "скан.webp")).toEqual({ extension: "webp", mimeType: "image/webp" });
    expect(await kindOf(HEIC, "IMG_0001.HEIC")).toMatchObject({ extension: "heic" });
  });

  it("refuses a program named as a PDF, a plain zip and bytes of no known kind", async () => {
    expect(await kindOf(EXE, "invoice.pdf")).toBeUndefined();
    expect(await kindOf(zip([["readme.txt", "hello"]]), "documents.docx")).toBeUndefined();
    expect(await kindOf(new TextEncoder().encode("just some text"), "note.doc")).toBeUndefined();
  });

  it("takes an OLE compound file only when its name says .doc, as a spreadsheet or installer is one too", async () => {
    expect(await kindOf(CFB, "шешім.DOC")).toEqual({ extension: "doc", mimeType: "application/msword" });
    expect(await kindOf(CFB, "setup.msi")).toBeUndefined();
    expect(await kindOf(CFB, "шешім.pdf")).toBeUndefined();
  });
});
