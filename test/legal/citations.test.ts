import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findCitations } from "../../core/legal/citations.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("clauses the code implements", () => {
  it("finds each citation in the comments where it is implemented, one clause however it is written", () => {
    const citations = findCitations(ROOT);
    const where = (clause: string) => citations.filter((c) => c.clause === clause).map((c) => c.file);
    // The extension cap: the whole term at most two months after registration.
    expect(where("APPK 76(2)")).toContain(path.join("core", "calendar", "deadlines.ts"));
    expect(where("Reg. 7.1.5")).toContain(path.join("core", "appeals", "classify.ts"));
    expect(citations.every((c) => !c.clause.startsWith("APPK Art."))).toBe(true);
  });

  it("lists them for an operator, Regulation first and in the Regulation's order", async () => {
    const out = await new Promise<string>((resolve, reject) =>
      execFile(path.join(ROOT, "node_modules/.bin/tsx"), ["cli/main.ts", "explain"], { cwd: ROOT, env: { PATH: process.env.PATH, DATA_DIR: "/nonexistent" } }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
    );
    const clauses = out.split("\n").filter((l) => /^\S/.test(l));
    expect(clauses[0]).toMatch(/^Reg\. /);
    expect(clauses.indexOf("Reg. 7.1.5")).toBeLessThan(clauses.indexOf("Reg. 7.1.8"));
    expect(clauses.indexOf("Reg. 7.3.3")).toBeLessThan(clauses.findIndex((c) => c.startsWith("APPK")));
  }, 60_000);
});
