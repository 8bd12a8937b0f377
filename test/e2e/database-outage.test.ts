import { afterAll, beforeAll, describe, it } from "vitest";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { shown } from "../support/texts.js";

/**
 * While the database is away nobody can be loaded, so the person's chosen language is unknown:
 * the apology comes in the language their Telegram speaks, not in a fixed one.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness([citizen(931001, "ru"), citizen(931002, "en")]);
  await h.db.database.close();
});
afterAll(async () => {
  await h.dispose().catch(() => undefined);
});

describe(`a database outage on ${dbKind}`, () => {
  it("answers each person in their Telegram language", async () => {
    const ru = h.user(931001);
    await ru.send("/start");
    await ru.waitForBot(shown("ru", "errors.internal"));
    const en = h.user(931002);
    await en.send("/start");
    await en.waitForBot(shown("en", "errors.internal"));
  });
});
