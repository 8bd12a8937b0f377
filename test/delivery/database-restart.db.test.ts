import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEASE_SECONDS, startDeliveryRig, type DeliveryRig } from "./rig.js";

const CHATS = [972001, 972002, 972003, 972004, 972005];
const PER_CHAT = 6;
const onPostgres = process.env.OTINISH_TEST_DB === "postgres";

let rig: DeliveryRig;
let admin: postgres.Sql;
beforeAll(async () => {
  if (!onPostgres) return;
  rig = await startDeliveryRig(CHATS, { perSecond: 15 });
  admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  if (!onPostgres) return;
  await rig.dispose();
  await admin.end();
});

/** What a database restart does to the bot: every connection it holds is cut. */
async function cutConnections(): Promise<number> {
  const [{ name }] = (await rig.ctx.db.execute<{ name: string }>(sql`select current_database() as name`)) as unknown as [{ name: string }];
  const cut = await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
  return cut.length;
}

const total = () => CHATS.reduce((n, chat) => n + rig.received(chat).length, 0);

describe.runIf(onPostgres)("the outbox delivery worker when PostgreSQL restarts", () => {
  // Generous waits: on a loaded machine the reconnects after each cut take seconds, and only the outcome matters here.
  it("resumes after its connections are cut mid-run, and sends nothing twice", { timeout: 120_000 }, async () => {
    for (const chat of CHATS) for (let i = 1; i <= PER_CHAT; i++) await rig.notice(chat, `${chat}-${i}`);
    rig.startWorker();
    for (const reached of [5, 12, 20]) {
      await rig.waitFor(() => total() >= reached, `${reached} messages`, 45_000);
      expect(await cutConnections()).toBeGreaterThan(0);
    }
    const everyLast = async () => {
      for (const chat of CHATS) if ((await rig.row(`${chat}-${PER_CHAT}`).catch(() => undefined))?.status !== "sent") return false;
      return true;
    };
    // A claim whose commit was cut off before its answer stays taken until its lease runs out, as time would tell.
    await rig.waitFor(everyLast, "every message", 10_000).catch(() => {
      rig.ctx.clock.advance(LEASE_SECONDS * 1000 + 1);
      return rig.waitFor(everyLast, "every message after the lease");
    });
    // Whether a cut hit a query in flight (logged and tried again) or an idle connection (reopened
    // quietly) depends on timing; either way every message arrives once, in order.
    for (const chat of CHATS) expect(rig.received(chat)).toEqual(Array.from({ length: PER_CHAT }, (_, i) => `${chat}-${i + 1}`));
  });
});
