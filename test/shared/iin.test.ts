import { describe, expect, it } from "vitest";
import { binProblem, idNumberProblem, normalizeIdNumber } from "../../core/shared/iin.js";

describe("IIN/BIN check digit", () => {
  it.each(["870615400228", "000101500120", "951231400062"])("accepts the valid IIN %s", (iin) => {
    expect(idNumberProblem(iin)).toBeNull();
  });

  it("accepts a number whose check digit needs the second set of weights", () => {
    expect(idNumberProblem("543381780752")).toBeNull();
    expect(idNumberProblem("543381780753")).toBe("checksum");
  });

  it("rejects every number whose check digit is 10 under both sets of weights", () => {
    for (let last = 0; last <= 9; last++) expect(idNumberProblem(`00170167551${last}`)).toBe("checksum");
  });

  it("never rejects an IIN for its date digits: month 99 with a right check digit is valid", () => {
    expect(idNumberProblem("999999999990")).toBeNull();
  });

  it("names what is wrong: a changed digit, a short number, letters", () => {
    expect(idNumberProblem("870615400227")).toBe("checksum");
    expect(idNumberProblem("87061540022")).toBe("length");
    expect(idNumberProblem("87O615400228")).toBe("digits");
  });

  it("takes numbers copied with spaces or dashes", () => {
    expect(normalizeIdNumber(" 870615 400-228 ")).toBe("870615400228");
  });

  it("accepts a BIN only with an entity type of 4, 5 or 6 in the fifth digit", () => {
    expect(binProblem("040840300024")).toBeNull();
    expect(binProblem("870615400228")).toBe("entity_type");
    expect(binProblem("040840300025")).toBe("checksum");
  });
});
