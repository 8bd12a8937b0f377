import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * One word per office: locales/glossary.md's "Retired variants" table is the list, so a lawyer or
 * translator who retires a word adds a row there and this test finds every text that still uses it.
 */
const glossary = readFileSync(new URL("../../locales/glossary.md", import.meta.url), "utf8");

interface Retired {
  language: string;
  pattern: RegExp;
  scope: string;
  except: string[];
  instead: string;
}

function retiredVariants(): Retired[] {
  const table = glossary.slice(glossary.indexOf("## Retired variants"));
  return table
    .split("\n")
    .filter((line) => /^\| (kk|ru|en) \|/.test(line))
    .map((line) => {
      // A `\|` inside a pattern is an escaped bar of the Markdown table, not a cell border.
      const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim().replace(/\\\|/g, "|"));
      const [language, retired, scope, except, instead] = cells as [string, string, string, string, string];
      const literal = /^`\/(.+)\/([a-z]*)`$/.exec(retired);
      if (!literal) throw new Error(`glossary: not a /pattern/ in backticks: ${retired}`);
      return {
        language,
        pattern: new RegExp(literal[1]!, literal[2]),
        scope,
        except: except ? except.split(",").map((s) => s.trim()) : [],
        instead,
      };
    });
}

function texts(language: string): [string, string][] {
  const walk = (node: unknown, prefix: string): [string, string][] =>
    typeof node === "string" ? [[prefix, node]] : Object.entries(node as object).flatMap(([k, v]) => walk(v, prefix ? `${prefix}.${k}` : k));
  return walk(JSON.parse(readFileSync(new URL(`../../locales/${language}.json`, import.meta.url), "utf8")), "");
}

describe("the glossary", () => {
  const rows = retiredVariants();

  it("lists retired variants for every language", () => {
    expect(new Set(rows.map((r) => r.language))).toEqual(new Set(["kk", "ru", "en"]));
    expect(rows.length).toBeGreaterThanOrEqual(10);
  });

  it("catches what it retires (the table's patterns are not dead letters)", () => {
    const sample: Record<string, string> = { kk: "бөлім бастығы, лауазымды тұлға, тіркеу секторы, азамат", ru: "руководитель отдела, гражданин", en: "the citizen" };
    for (const language of ["kk", "ru", "en"]) {
      expect(rows.filter((r) => r.language === language && r.scope === "*").some((r) => r.pattern.test(sample[language]!))).toBe(true);
    }
  });

  it("finds no retired variant in any text of the bot", () => {
    const found: string[] = [];
    for (const row of rows) {
      for (const [key, text] of texts(row.language)) {
        if (row.scope !== "*" && !key.startsWith(row.scope)) continue;
        if (row.except.some((fragment) => key.includes(fragment))) continue;
        // Placeholders are names for the code, not words a person reads.
        if (row.pattern.test(text.replace(/\{\{[^}]*\}\}/g, ""))) found.push(`${row.language} ${key}: ${String(row.pattern)} → ${row.instead}`);
      }
    }
    expect(found).toEqual([]);
  });
});
