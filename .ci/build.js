// `npm run build`: compiles the app to dist/ with tsc, then copies what the compiled modules read
// from beside themselves (locales, migrations, the sandbox's web page), keeping each file's path, so
// every `new URL("./…", import.meta.url)` finds the same thing from dist/ as from the sources.
import { execFileSync } from "node:child_process";
import console from "node:console";
import { cpSync, existsSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "dist");
/** The folders that ship; tests and benchmarks run from the sources. */
const SOURCES = ["bot", "core", "db", "cli", "sandbox", "locales"];

rmSync(out, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], { stdio: "inherit" });

let copied = 0;
for (const folder of SOURCES) {
  const from = path.join(root, folder);
  if (!existsSync(from)) continue;
  for (const file of readdirSync(from, { recursive: true, withFileTypes: true })) {
    if (!file.isFile() || file.name.endsWith(".ts")) continue;
    const source = path.join(file.parentPath, file.name);
    cpSync(source, path.join(out, path.relative(root, source)));
    copied++;
  }
}
console.log(`dist/ built: compiled sources and ${copied} assets`);
