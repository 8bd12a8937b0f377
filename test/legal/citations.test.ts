import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findCitations } from "../../core/legal/citations.js";
import { runApp, SLOW } from "../support/app-process.js";

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

  it("cites each clause where the rule is kept, in core and the schema, once a file; the chat and the console only call it", () => {
    const citations = findCitations(ROOT);
    expect(citations.filter((c) => /^(bot|cli)\//.test(c.file)).map((c) => `${c.clause} ${c.file}:${c.line}`)).toEqual([]);
    const perFile = new Map<string, number>();
    for (const c of citations) perFile.set(`${c.clause} ${c.file}`, (perFile.get(`${c.clause} ${c.file}`) ?? 0) + 1);
    expect([...perFile].filter(([, n]) => n > 1).map(([where]) => where)).toEqual([]);
  });

  it("lists them for an operator, Regulation first and in the Regulation's order", async () => {
    const run = await runApp("cli/main.ts", ["explain"], { DATA_DIR: "/nonexistent" });
    expect(run.code).toBe(0);
    const clauses = run.stdout.filter((l) => /^\S/.test(l));
    expect(clauses[0]).toMatch(/^Reg\. /);
    expect(clauses.indexOf("Reg. 7.1.5")).toBeLessThan(clauses.indexOf("Reg. 7.1.8"));
    expect(clauses.indexOf("Reg. 7.3.3")).toBeLessThan(clauses.findIndex((c) => c.startsWith("APPK")));
  }, SLOW);
});
