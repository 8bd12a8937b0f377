import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** A clause of the Regulation or of a law, and where the code implements it. */
export interface Citation {
  clause: string;
  file: string;
  line: number;
}

/**
 * Regulation clauses ("Reg." and the clause's number), articles of the Administrative Procedural
 * Code ("APPK", the article and its part in brackets) and of the personal-data law (No. 94-V) as
 * the code's comments cite them where they are implemented.
 */
const CLAUSE = /\b(Reg\. \d+(?:\.\d+)*|APPK (?:Art\. )?\d+(?:\(\d+\))?|Law (?:No\. )?94-V(?:,? Art\. \d+)?)/g;
const COMMENT = /^\s*(?:\/\/|\/\*\*?|\*)/;
const FOLDERS = ["core", "bot", "db", "cli"];

/** Every citation under `root` (the sources, or the built `dist/`: comments are kept there too). */
export function findCitations(root: string): Citation[] {
  const found: Citation[] = [];
  for (const folder of FOLDERS) {
    let files: string[];
    try {
      files = readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" });
    } catch {
      continue;
    }
    for (const name of files.filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith(".d.ts")).sort()) {
      const file = path.join(folder, name);
      readFileSync(path.join(root, file), "utf8")
        .split("\n")
        .forEach((text, i) => {
          if (!COMMENT.test(text) && !text.includes("// ")) return;
          for (const match of text.matchAll(CLAUSE)) found.push({ clause: normalise(match[1]!), file, line: i + 1 });
        });
    }
  }
  return found.sort((a, b) => order(a.clause, b.clause) || a.file.localeCompare(b.file) || a.line - b.line);
}

/** The Code's article written with "Art." or without it is one clause. */
function normalise(clause: string): string {
  return clause.replace(/^APPK Art\. /, "APPK ").replace(/^Law No\. /, "Law ").replace(/, Art\./, " Art.");
}

/** Reg. before APPK before the law, and numbers in numeric order (7.1.10 after 7.1.9). */
function order(a: string, b: string): number {
  const key = (c: string) => [c.startsWith("Reg.") ? 0 : c.startsWith("APPK") ? 1 : 2, ...(c.match(/\d+/g) ?? []).map(Number)];
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? -1) !== (y[i] ?? -1)) return (x[i] ?? -1) - (y[i] ?? -1);
  return 0;
}
