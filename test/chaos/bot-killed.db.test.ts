import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runChaosKill } from "../../bench/chaos-kill.js";
import { openTestDatabase, type TestDatabase } from "../support/db.js";

/**
 * The short run of `npm run bench -- chaos-kill`: the real bot as a child process, killed with
 * SIGKILL three times while citizens sign up, file, supplement and book and the Head approves.
 * A process shares only a database server, so this runs on PostgreSQL only.
 */
const postgres = process.env.OTINISH_TEST_DB === "postgres";

let db: TestDatabase;
beforeAll(async () => {
  if (postgres) db = await openTestDatabase();
});
afterAll(() => db?.dispose());

describe.skipIf(!postgres)("the bot killed with SIGKILL mid-run, on PostgreSQL", () => {
  it("loses no update, appeal, supplement, booking or message, doubles no appeal or booking, and leaves nobody stuck", { timeout: 300_000 }, async () => {
    const result = await runChaosKill({ databaseUrl: db.url, citizens: 6, kills: 3, concurrency: 6, intervalMs: 1500, stepMs: 30_000 });
    expect(result.kills).toBe(3);
    expect(result.stuck_at).toEqual([]);
    expect(result).toMatchObject({
      lost_updates: 0,
      failed_updates: 0,
      lost_appeals: 0,
      doubled_appeals: 0,
      number_gaps: 0,
      lost_supplements: 0,
      doubled_supplements: 0,
      lost_bookings: 0,
      double_bookings: 0,
      lost_messages: 0,
      stuck_flows: 0,
      appeals: 6,
    });
  });
});
