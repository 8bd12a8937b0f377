import { describe, expect, it } from "vitest";
import { actionOf, buttonFamilies, defineButtons, field } from "../../bot/buttons/codec.js";

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

describe("numbers in button data", () => {
  const numbers = defineButtons("zn", 1).action("open", { id: field.id, page: field.page });

  it("reads back exactly what the bot wrote, up to the largest database id", () => {
    expect(numbers.decode(numbers.encode({ id: 42, page: 0 }))).toEqual({ id: 42, page: 0 });
    expect(numbers.decode("zn1:open:2147483647:20260302")).toEqual({ id: 2_147_483_647, page: 20_260_302 });
  });

  it("takes any other spelling of a number for an old or forged button", () => {
    for (const id of ["0x1", " 1", "1 ", "+1", "01", "1e0", "1.0", "-1", "0", "", "2147483648", "99999999999"]) {
      expect(numbers.decode(`zn1:open:${id}:0`), id).toBeNull();
    }
    for (const n of ["00", "-0", "0x0", "+0"]) expect(numbers.decode(`zn1:open:1:${n}`), n).toBeNull();
  });
});

describe("the bot's buttons", () => {
  it("give every feature a family of its own, so a press never reaches another feature's handler", async () => {
    await import("../../bot/features/index.js");
    const prefixes = buttonFamilies().map((f) => f.prefix);
    expect(prefixes.length).toBeGreaterThan(20);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });
});
