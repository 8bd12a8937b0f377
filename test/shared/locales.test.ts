import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scheduledJobs } from "../../bot/scheduled-jobs.js";
import { loadConfig } from "../../core/config.js";
import { translator } from "../../locales/index.js";
import { parseHtml } from "../../sandbox/emulator/html-entities.js";

type Tree = { [key: string]: string | Tree };
const load = (lang: string) => JSON.parse(readFileSync(new URL(`../../locales/${lang}.json`, import.meta.url), "utf8")) as Tree;
const flatten = (tree: Tree, prefix = ""): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [[prefix + k, v] as [string, string]] : flatten(v, `${prefix}${k}.`)));

const [kk, ru, en] = ["kk", "ru", "en"].map((l) => new Map(flatten(load(l))));

/** The letters a reader sees, without placeholders and tags. */
const words = (text: string) => text.replace(/\{\{\w+\}\}|<[^>]+>/g, "").replace(/[^\p{L}]/gu, "");

describe("locales", () => {
  it("have the same keys in Kazakh, Russian and English", () => {
    const keys = (m: Map<string, string>) => [...m.keys()].sort();
    expect(keys(ru!)).toEqual(keys(kk!));
    expect(keys(en!)).toEqual(keys(kk!));
  });

  it("use the same placeholders in every language", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of kk!) {
      expect(placeholders(ru!.get(key)!), key).toEqual(placeholders(text));
      expect(placeholders(en!.get(key)!), key).toEqual(placeholders(text));
    }
  });

  it("have no empty texts and no Kazakh sentence copied from Russian", () => {
    const copied = [...kk!].filter(([key, text]) => text.trim() === "" || (text === ru!.get(key) && words(text).length > 20));
    expect(copied).toEqual([]);
  });

  it("quote buttons by their exact labels, so a person can find the button a text names", () => {
    for (const m of [kk!, ru!, en!]) {
      const phoneButton = m.get("signup.phone.button")!.replace(/^\P{L}+/u, "");
      expect(m.get("errors.expects_contact")).toContain(`«${phoneButton}»`);
      expect(m.get("consent.declined")).toContain(`«${m.get("consent.accept")}»`);
    }
  });

  it("say what every scheduled job does, for the administrators' notice of a failed one", () => {
    const jobs = scheduledJobs(loadConfig({})).map((job) => `jobs.${job.name}`);
    for (const m of [kk!, ru!, en!]) expect(jobs.filter((key) => !m.has(key))).toEqual([]);
    expect([...kk!.keys()].filter((key) => key.startsWith("jobs.") && !jobs.includes(key))).toEqual([]);
  });

  it("keep errors short enough for a button's pop-up (Telegram allows 200 characters)", () => {
    for (const m of [kk!, ru!, en!]) {
      const long = [...m].filter(([key, text]) => key.startsWith("errors.") && text.length > 200);
      expect(long.map(([key]) => key)).toEqual([]);
    }
  });

  it("are markup Telegram accepts in every language, whatever a person typed into their placeholders", () => {
    const typed = "<b>&amp; & <name@mail.kz> $t(x) {{y}}";
    const refused: string[] = [];
    for (const [language, m] of [["kk", kk!], ["ru", ru!], ["en", en!]] as const) {
      const t = translator(language);
      for (const [key, text] of m) {
        const params = Object.fromEntries([...text.matchAll(/\{\{(\w+)/g)].map(([, name]) => [name!, typed]));
        try {
          parseHtml(t(key, params));
        } catch (error) {
          refused.push(`${language} ${key}: ${(error as Error).message}`);
        }
      }
    }
    expect(refused).toEqual([]);
  });

  it("keep every error that the domain can raise translated", () => {
    const codes = readDomainErrorCodes();
    const missing = codes.filter((code) => !kk!.has(`errors.${code}`));
    expect(missing).toEqual([]);
  });
});

/** Codes thrown as `new DomainError("code"` or built as `iin_${problem}` in core/. */
function readDomainErrorCodes(): string[] {
  const out = execSync(`grep -rhoE 'DomainError\\((\\x60|")[a-z_]+' core`, { cwd: new URL("../..", import.meta.url) }).toString();
  const literal = out.split("\n").filter(Boolean).map((l) => l.replace(/^DomainError\(["`]/, ""));
  const built = ["length", "digits", "checksum"].flatMap((p) => [`iin_${p}`, `bin_${p}`]).concat("bin_entity_type");
  return [...new Set([...literal.filter((c) => !c.endsWith("_")), ...built])];
}
