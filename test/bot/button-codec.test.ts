import { describe, expect, it } from "vitest";
import { actionOf, defineButtons, field } from "../../bot/buttons/codec.js";

describe("button data", () => {
  const v1 = defineButtons("zt", 1);
  const old = v1.action("pick", { item: field.id });
  const v2 = defineButtons("zu", 2);
  const pick = v2.action("pick", { item: field.id, on: field.date, kind: field.choice("unit", "body"), done: field.flag, page: field.page });

  it("carries named, typed fields and reads them back", () => {
    const data = pick.encode({ item: 143, on: "2026-03-02", kind: "body", done: true, page: 14 });
    expect(data).toBe("zu2:pick:143:20260302:body:1:14");
    expect(pick.decode(data)).toEqual({ item: 143, on: "2026-03-02", kind: "body", done: true, page: 14 });
    expect(actionOf(data)?.values).toEqual({ item: 143, on: "2026-03-02", kind: "body", done: true, page: 14 });
  });

  it("reads an id only as the bot writes it, and an unknown choice or a missing field as no button at all", () => {
    for (const forged of ["zu2:pick:0x8f:20260302:body:1:0", "zu2:pick:+143:20260302:body:1:0", "zu2:pick:143:20260302:3:1:0", "zu2:pick:143:20260302:body:1", "zu2:pick:143:2026-03-02:body:1:0"]) {
      expect(pick.decode(forged)).toBeNull();
      expect(actionOf(forged)).toBeNull();
    }
  });

  it("does not read a button of another version or family", () => {
    expect(pick.decode(old.encode({ item: 1 }))).toBeNull();
    expect(actionOf("zu1:pick:1")).toBeNull();
  });

  it("refuses a choice written as a number, a long button, and a prefix used twice", () => {
    expect(() => field.choice("0", "1")).toThrow(/a name, not a number/);
    const long = defineButtons("zv", 1).action("text", { token: field.token, other: field.token });
    expect(() => long.encode({ token: crypto.randomUUID(), other: crypto.randomUUID() })).toThrow(/over 64 bytes/);
    expect(() => defineButtons("zt", 3)).toThrow(/unique/);
  });
});
