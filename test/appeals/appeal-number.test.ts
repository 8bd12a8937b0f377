import { describe, expect, it } from "vitest";
import { numberForLink, parseAppealNumber } from "../../core/appeals/appeal-number.js";

describe("registration numbers as people type and link them", () => {
  it("reads any letter case and the Latin deep-link form", () => {
    expect(parseAppealNumber(" жт-2026-000123 ")).toBe("ЖТ-2026-000123");
    expect(parseAppealNumber("ZT-2026-000045")).toBe("ЗТ-2026-000045");
    expect(parseAppealNumber("jt-2026-000001")).toBe("ЖТ-2026-000001");
  });

  it("refuses anything else", () => {
    for (const text of ["ЖТ-2026-123", "АБ-2026-000001", "ЖТ2026000001", "hello"]) expect(parseAppealNumber(text)).toBeNull();
  });

  it("links with Latin letters only, which Telegram's start parameter allows, and reads them back", () => {
    const link = numberForLink("ЖТ-2026-000123");
    expect(link).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(parseAppealNumber(link)).toBe("ЖТ-2026-000123");
  });
});
