import { runDbCuts } from "../test/support/db-cuts.js";
import { openBenchDatabase } from "./bench-database.js";

/**
 * The real bot on PostgreSQL through a proxy that drops every connection and refuses new ones for
 * `CHAOS_OUTAGE_S` (10) seconds, `CHAOS_CUTS` (3) times, while `CHAOS_CITIZENS` (20) scripted
 * citizens sign up, write and submit appeals through the Bot API emulator. The last line says what
 * was lost (nothing, to pass) and how soon the bot answered again after each return.
 */
const CUTS = Number(process.env.CHAOS_CUTS ?? 3);
const CITIZENS = Number(process.env.CHAOS_CITIZENS ?? 20);
const OUTAGE_MS = Number(process.env.CHAOS_OUTAGE_S ?? 10) * 1000;
const BETWEEN_MS = Number(process.env.CHAOS_BETWEEN_S ?? 15) * 1000;
/** The bot must answer a new message this soon after the database returns. */
const RECOVERY_GOAL_S = 5;

export async function run(): Promise<void> {
  const bench = await openBenchDatabase("otinish_bench_chaos_db", 4);
  try {
    const report = await runDbCuts({ url: bench.url, db: bench.database.db, citizens: CITIZENS, cuts: CUTS, outageMs: OUTAGE_MS, betweenMs: BETWEEN_MS });
    const passed =
      report.lost_updates === 0 && report.lost_appeals === 0 && report.doubled_appeals === 0 && report.readyz_down_while_away && report.recovery_s <= RECOVERY_GOAL_S;
    console.log(`${report.cuts} cuts of ${OUTAGE_MS / 1000} s, ${report.citizens} citizens, ${report.updates_sent} updates, ${report.appeals_confirmed} appeals: ${passed ? "passed" : "FAILED"}`);
    console.log(JSON.stringify({ bench: "chaos-db", passed, outage_s: OUTAGE_MS / 1000, ...report }));
    if (!passed) process.exitCode = 1;
  } finally {
    await bench.dispose();
  }
}
