import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../support/db.js";
import { runDbCuts } from "../support/db-cuts.js";

/**
 * PostgreSQL goes down hard once (connections closed, new ones refused) while citizens sign up and
 * submit appeals: nothing Telegram delivered is lost, no appeal is lost or doubled, and /readyz
 * says the database is away. PostgreSQL only, as PGlite lives inside the process.
 * `npm run bench -- chaos-db` is the long version, with the timings.
 */
const onPostgres = process.env.OTINISH_TEST_DB === "postgres";

let db: TestDatabase;
beforeAll(async () => {
  if (onPostgres) db = await openTestDatabase();
});
afterAll(async () => {
  if (onPostgres) await db.dispose();
});

describe.skipIf(!onPostgres)("the database cut off under load", () => {
  it("loses no update and no appeal, and /readyz fails while it is away", { timeout: 180_000 }, async () => {
    const report = await runDbCuts({ url: db.url!, db: db.database.db, citizens: 3, cuts: 1, outageMs: 10_000, betweenMs: 4_000 });
    // Where a citizen was left waiting, in the failure's own words.
    expect(report.stuck ?? []).toEqual([]);
    expect(report).toMatchObject({ lost_updates: 0, failed_updates: 0, lost_appeals: 0, doubled_appeals: 0, stuck_citizens: 0, readyz_down_while_away: true });
    expect(report.appeals_confirmed).toBeGreaterThan(0);
  });
});
