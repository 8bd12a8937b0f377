import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { SCREENS_DIR, shootGuide } from "./shoot.js";
import { STORY } from "./walks/index.js";

/**
 * `npm run docs:screens`: every picture of the guide again, from the product as it is. Each
 * language runs the whole story on a sandbox of its own, into a scratch folder that replaces the
 * language's pictures only when the whole walk succeeded; a step the product no longer supports
 * stops the run with its name, keeps the scratch folder to look at, and leaves the pictures in git
 * as they were.
 */
const LANGUAGES = ["kk", "ru"] as const;

let total = 0;
for (const language of LANGUAGES) {
  const scratch = await mkdtemp(path.join(os.tmpdir(), `otinish-guide-${language}-`));
  try {
    const shots = await shootGuide(language, STORY, scratch);
    await rm(path.join(SCREENS_DIR, language), { recursive: true, force: true });
    await cp(path.join(scratch, language), path.join(SCREENS_DIR, language), { recursive: true });
    await rm(scratch, { recursive: true, force: true });
    console.log(`${language}: ${shots.length} screenshots in docs/guide/screens/${language}/`);
    total += shots.length;
  } catch (error) {
    console.error(`The pictures taken before the failure are in ${scratch}`);
    throw error;
  }
}
console.log(`${total} screenshots written`);
