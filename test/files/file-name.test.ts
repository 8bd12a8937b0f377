import { describe, expect, it } from "vitest";
import { FILE_NAME_MAX, safeFileName } from "../../core/files/file-name.js";

describe("a file name made safe to store and show", () => {
  it("keeps an ordinary name as it is", () => {
    expect(safeFileName("Шешім 2-123.pdf", "pdf")).toBe("Шешім 2-123.pdf");
  });

  it("drops folders, so a path names only its last part", () => {
    expect(safeFileName("/etc/passwd", "pdf")).toBe("passwd.pdf");
    expect(safeFileName("C:\\Users\\Aigerim\\скан.pdf", "pdf")).toBe("скан.pdf");
    expect(safeFileName("../../data/files/ab/cd", "pdf")).toBe("cd.pdf");
  });

  it("falls back to a neutral name when nothing readable is left", () => {
    expect(safeFileName("..", "pdf")).toBe("file.pdf");
    expect(safeFileName(".pdf", "pdf")).toBe("file.pdf");
    expect(safeFileName(" \r\n ", "docx")).toBe("file.docx");
    expect(safeFileName("", "jpg")).toBe("file.jpg");
  });

  it("turns line breaks and control characters into one space", () => {
    expect(safeFileName("Акт\r\nсверки\t\u0000 2026.pdf", "pdf")).toBe("Акт сверки 2026.pdf");
  });

  it("removes bidi overrides, so an exe cannot pass for a pdf", () => {
    expect(safeFileName("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(safeFileName("a\u2066b\u2069\u200Fc\u200B.pdf")).toBe("abc.pdf");
  });

  it("replaces characters that Windows refuses or that end a header parameter", () => {
    expect(safeFileName('Акт: "сверка"; <2026>?.pdf')).toBe("Акт_ _сверка__ _2026__.pdf");
  });

  it("ends in the extension of what the content is, whatever the name claimed", () => {
    expect(safeFileName("invoice.pdf", "docx")).toBe("invoice.docx");
    expect(safeFileName("скан.JPEG", "jpg")).toBe("скан.jpg");
    expect(safeFileName("заявление", "pdf")).toBe("заявление.pdf");
    // A number after the dot is part of the name, not an extension.
    expect(safeFileName("Договор №5.2026", "pdf")).toBe("Договор №5.2026.pdf");
  });

  it("shortens a long name and keeps its extension", () => {
    const name = safeFileName(`${"ө".repeat(300)}.pdf`, "pdf");
    expect(name).toHaveLength(FILE_NAME_MAX);
    expect(name.endsWith("ө.pdf")).toBe(true);
  });

  it("never cuts a character outside the basic plane in half", () => {
    const name = safeFileName(`${"😀".repeat(120)}.pdf`, "pdf");
    expect(Array.from(name)).toHaveLength(FILE_NAME_MAX);
    expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it("gives the same name when applied twice", () => {
    const once = safeFileName(`../a\r\nb ${"x".repeat(200)}.pdf`, "pdf");
    expect(safeFileName(once)).toBe(once);
  });
});
