import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : full.endsWith(".ts") ? [full] : [];
  });
}

describe("button data", () => {
  it("gives every feature its own prefix, so a press never reaches another feature's handler", () => {
    const prefixes = sources("bot").flatMap((file) => [...readFileSync(file, "utf8").matchAll(/defineCallback\(\s*"([^"]+)"/g)].map((m) => `${m[1]} (${file})`));
    // Node 20 has no Map.groupBy.
    const byPrefix = new Map<string, string[]>();
    for (const p of prefixes) byPrefix.set(p.split(" ")[0]!, [...(byPrefix.get(p.split(" ")[0]!) ?? []), p]);
    const shared = [...byPrefix.values()].filter((files) => files.length > 1);
    expect(prefixes.length).toBeGreaterThan(10);
    expect(shared).toEqual([]);
  });
});
