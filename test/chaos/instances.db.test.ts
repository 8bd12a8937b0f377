import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runChaosInstances } from "../../bench/chaos-instances.js";
import { openTestDatabase, type TestDatabase } from "../support/db.js";

/**
 * The short run of `npm run bench -- chaos-instances`: three bot processes in webhook mode behind a
 * round-robin proxy, one killed half-way through the citizens' typing. PostgreSQL only, as the
 * instances share nothing else.
 */
const postgres = process.env.OTINISH_TEST_DB === "postgres";

let db: TestDatabase;
beforeAll(async () => {
  if (postgres) db = await openTestDatabase();
});
afterAll(() => db?.dispose());

describe.skipIf(!postgres)("three instances behind a round-robin proxy, one killed, on PostgreSQL", () => {
  it("answers each chat's words once each and in the order typed, with one instance killed, never over the bot's rate", { timeout: 300_000 }, async () => {
    const result = await runChaosInstances({ databaseUrl: db.url, citizens: 6, words: 8, instances: 3, rate: 28, stepMs: 60_000 });
    expect(result).toMatchObject({ instances: 3, killed: 1, order_violations: 0, lost_words: 0, words: 48, over_cap_sends: 0 });
  });
});
