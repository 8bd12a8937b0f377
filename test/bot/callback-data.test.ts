import { z } from "zod";
import { describe, expect, it } from "vitest";
import { callbackId, callbackNumber, defineCallback } from "../../bot/callback-data.js";

const button = defineCallback("tt1", z.enum(["open"]), callbackId, callbackNumber);

describe("numbers in button data", () => {
  it("reads back exactly what the bot wrote", () => {
    expect(button.parse(button.encode("open", 42, 0))).toEqual(["open", 42, 0]);
    expect(button.parse("tt1:open:2147483647:20260302")).toEqual(["open", 2_147_483_647, 20_260_302]);
  });

  it("takes any other spelling of a number for an old or forged button", () => {
    for (const id of ["0x1", " 1", "1 ", "+1", "01", "1e0", "1.0", "-1", "0", "", "2147483648", "99999999999"]) {
      expect(button.parse(`tt1:open:${id}:0`), id).toBeNull();
    }
    for (const n of ["00", "-0", "0x0", "+0"]) expect(button.parse(`tt1:open:1:${n}`), n).toBeNull();
  });
});
