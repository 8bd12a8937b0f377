import { performance } from "node:perf_hooks";
import { count, countDistinct, eq, like } from "drizzle-orm";
import { pino } from "pino";
import { recordControlDocument } from "../core/control/record.js";
import { sendDueReminders } from "../core/control/reminders.js";
import { diskFileStore } from "../core/files/file-store.js";
import { ManualClock } from "../core/shared/clock.js";
import type { Ctx } from "../core/shared/context.js";
import type { Actor } from "../core/shared/roles.js";
import { outbox, users } from "../db/schema/index.js";
import { tmpdir } from "node:os";
import { openBenchDatabase } from "./bench-database.js";

/**
 * The reminder day of a busy week on PostgreSQL: D control documents with E executors each all fall
 * due on the same day, and INSTANCES schedulers run the reminder job at the same moment. Measures how
 * long the run takes and checks what the job promises (Reg. 7.1.8): exactly one reminder per executor.
 */
const DOCUMENTS = Number(process.env.BENCH_CONTROL_DOCUMENTS ?? 500);
const EXECUTORS = 4;
const INSTANCES = 4;
const POOL = 16;
const TELEGRAM_ID_BASE = 8_000_000;

const staff = (userId: number, telegramId: number, role: Actor["role"]): Actor => ({ userId, telegramId, role, active: true, clearance: false, language: "kk", actingForUserId: null });

export async function run(): Promise<void> {
  const bench = await openBenchDatabase("otinish_bench_control", POOL);
  const { db } = bench.database;
  // Recorded on Monday 16 March 2026, due Thursday 2 April: everyone's reminder day is Monday 30 March.
  const clock = new ManualClock("2026-03-16T10:00:00+05:00");
  const ctx: Ctx = { db, clock, log: pino({ level: "silent" }), files: diskFileStore(tmpdir()) };
  try {
    const people = await db
      .insert(users)
      .values(Array.from({ length: EXECUTORS + 1 }, (_, i) => ({ telegramId: TELEGRAM_ID_BASE + i, role: i === 0 ? "registrar" : "executor", fullName: `Қызметкер ${i}`, createdAt: clock.now() })))
      .returning({ id: users.id, telegramId: users.telegramId, role: users.role });
    const registrar = staff(people[0]!.id, people[0]!.telegramId, "registrar");
    const executorIds = people.slice(1).map((p) => p.id);
    for (let i = 0; i < DOCUMENTS; i++) {
      await recordControlDocument(ctx, registrar, {
        source: "head_of_state",
        sourceNumber: `21-01.${1000 + i}`,
        sourceDate: "2026-03-13",
        text: "Ақпарат ұсынылсын.",
        executorUserIds: executorIds,
        dueOn: "2026-04-02",
      });
    }

    clock.set("2026-03-30T09:00:00+05:00");
    const started = performance.now();
    const written = await Promise.all(Array.from({ length: INSTANCES }, () => sendDueReminders(ctx)));
    const seconds = (performance.now() - started) / 1000;
    const again = await sendDueReminders(ctx);

    const reminders = like(outbox.dedupeKey, "control:remind:%");
    const [rows] = await db.select({ n: count(), distinct: countDistinct(outbox.dedupeKey) }).from(outbox).where(reminders);
    const [assigned] = await db.select({ n: count() }).from(outbox).where(eq(outbox.status, "pending"));
    const expected = DOCUMENTS * EXECUTORS;
    const figures = {
      benchmark: "control-reminders",
      documents: DOCUMENTS,
      executors: expected,
      instances: INSTANCES,
      reminders: rows!.n,
      duplicates: rows!.n - rows!.distinct,
      writtenByInstance: written,
      writtenOnRerun: again,
      outboxPending: assigned!.n,
      seconds: Number(seconds.toFixed(2)),
      remindersPerSecond: Math.round(expected / seconds),
      exactlyOnce: rows!.n === expected && rows!.distinct === expected && again === 0 && written.reduce((a, b) => a + b, 0) === expected,
    };
    console.log(`${expected} executors due; ${INSTANCES} schedulers at once wrote ${written.join(" + ")} reminders in ${figures.seconds} s; a rerun wrote ${again}`);
    console.log(JSON.stringify(figures));
    if (!figures.exactlyOnce) process.exitCode = 1;
  } finally {
    await bench.dispose();
  }
}
