import { tmpdir } from "node:os";
import { performance } from "node:perf_hooks";
import { and, count, countDistinct, eq, inArray } from "drizzle-orm";
import { pino } from "pino";
import { diskFileStore } from "../core/files/file-store.js";
import { bookSlot } from "../core/reception/booking.js";
import { addOfficial } from "../core/reception/officials.js";
import { isSlotTaken } from "../core/reception/slot-taken.js";
import { systemClock } from "../core/shared/clock.js";
import type { Ctx } from "../core/shared/context.js";
import type { Actor } from "../core/shared/roles.js";
import { CONSOLE_OPERATOR } from "../core/staff/operator.js";
import { citizens, receptionBookings, receptionSlots, users } from "../db/schema/index.js";
import { statementsSent } from "../db/statement-tally.js";
import { openBenchDatabase, percentile } from "./bench-database.js";

/**
 * Booking under contention on PostgreSQL (DESIGN §5): ATTEMPTS citizens each try to book one of
 * CONTESTED slots, all at the same moment, so every slot has several rivals. The official has as
 * many slots again that nobody contests, so a loser always has somewhere else to go. Then the
 * database is checked: one booking per contested slot, none doubled, and every loser was told the
 * slot was taken and offered other free slots. A second round, as many at a time as the pool has
 * connections, gives the latency of one booking without the queue in front of it.
 */
const ATTEMPTS = Number(process.env.BENCH_BOOKINGS ?? 500);
const CONTESTED = 50;
const POOL = 20;
const TELEGRAM_ID_BASE = 8_000_000;
const HOUR_MS = 3_600_000;

/** An official with twice CONTESTED slots an hour apart from tomorrow on: the contested ones first. */
async function officialWithSlots(ctx: Ctx): Promise<{ officialId: number; slotIds: number[] }> {
  const official = await addOfficial(ctx, CONSOLE_OPERATOR, {
    nameKk: "Бенчмарк лауазымды тұлғасы",
    nameRu: "Должностное лицо бенчмарка",
    titleKk: "Бенчмарк",
    titleRu: "Бенчмарк",
    placeKk: "Астана, 1-бөлме",
    placeRu: "Астана, кабинет 1",
    bookingWindowDays: 60,
    minNoticeHours: 1,
    directBooking: true,
  });
  const start = Date.now() + 24 * HOUR_MS;
  const slots = await ctx.db
    .insert(receptionSlots)
    .values(Array.from({ length: CONTESTED * 2 }, (_, i) => ({ officialId: official.id, startsAt: new Date(start + i * HOUR_MS), endsAt: new Date(start + i * HOUR_MS + 30 * 60_000) })))
    .returning({ id: receptionSlots.id });
  return { officialId: official.id, slotIds: slots.slice(0, CONTESTED).map((s) => s.id) };
}

/** Citizens inserted in bulk: sign-up is not what is measured here. */
async function citizensOf(ctx: Ctx): Promise<Actor[]> {
  const now = new Date();
  const people = await ctx.db
    .insert(users)
    .values(Array.from({ length: ATTEMPTS }, (_, i) => ({ telegramId: TELEGRAM_ID_BASE + i, language: i % 2 === 0 ? "kk" : "ru", createdAt: now })))
    .returning({ id: users.id, telegramId: users.telegramId });
  await ctx.db
    .insert(citizens)
    .values(people.map((p, i) => ({ userId: p.id, kind: "individual", fullName: `Азамат ${i}`, iin: "870615400228", phone: `+7701${String(i).padStart(7, "0")}`, createdAt: now, updatedAt: now })));
  return people.map((p, i): Actor => ({ userId: p.id, telegramId: p.telegramId, role: "citizen", active: true, clearance: false, language: i % 2 === 0 ? "kk" : "ru", actingForUserId: null }));
}

interface Round {
  seconds: number;
  latencies: number[];
  won: number;
  lostWithAlternative: number;
  lostWithout: number;
  failed: number;
}

/**
 * Every citizen tries one contested slot of a fresh official, `concurrency` at a time (all at once
 * when it equals the number of citizens). A latency includes the wait for a pooled connection.
 */
async function round(ctx: Ctx, actors: Actor[], concurrency: number): Promise<Round & { officialId: number }> {
  const { officialId, slotIds } = await officialWithSlots(ctx);
  const r: Round = { seconds: 0, latencies: [], won: 0, lostWithAlternative: 0, lostWithout: 0, failed: 0 };
  let next = 0;
  const attempt = async (i: number) => {
    const t0 = performance.now();
    try {
      await bookSlot(ctx, actors[i]!, { officialId, slotId: slotIds[i % CONTESTED]!, matter: "Сот шешімінің орындалуы туралы" });
      r.won++;
    } catch (error) {
      if (!isSlotTaken(error)) {
        if (++r.failed === 1) console.error("first failure:", error);
      } else if (error.alternatives.length > 0) r.lostWithAlternative++;
      else r.lostWithout++;
    }
    r.latencies.push(performance.now() - t0);
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < actors.length) await attempt(next++);
  }));
  r.seconds = (performance.now() - started) / 1000;
  r.latencies.sort((a, b) => a - b);
  return { ...r, officialId };
}

export async function run(): Promise<void> {
  const bench = await openBenchDatabase("otinish_bench_booking", POOL);
  try {
    const ctx: Ctx = { db: bench.database.db, clock: systemClock, log: pino({ level: "silent" }), files: diskFileStore(tmpdir()) };
    const actors = await citizensOf(ctx);
    // All at once: the race the constraint must decide. Then as many at a time as the pool serves: the latency of one booking.
    const burst = await round(ctx, actors, ATTEMPTS);
    const [statementsBefore, cpuBefore] = [statementsSent(), process.cpuUsage()];
    const paced = await round(ctx, actors, POOL);
    // Per attempt, winners and losers alike (a loser's list of free slots included).
    const statements = (statementsSent() - statementsBefore) / ATTEMPTS;
    const cpu = process.cpuUsage(cpuBefore);
    const nodeCpuMs = (cpu.user + cpu.system) / 1000 / ATTEMPTS;

    const held = and(eq(receptionBookings.officialId, burst.officialId), inArray(receptionBookings.status, ["offered", "booked"]));
    const [totals] = await ctx.db.select({ bookings: count(), slots: countDistinct(receptionBookings.slotId) }).from(receptionBookings).where(held);
    const bookings = totals!.bookings;
    const doubles = bookings - totals!.slots;
    const losers = ATTEMPTS - CONTESTED;
    const ok =
      [burst, paced].every((r) => r.failed === 0 && r.won === CONTESTED && r.lostWithout === 0 && r.lostWithAlternative === losers) && bookings === CONTESTED && doubles === 0;
    for (const [name, r] of [["at once", burst], [`${POOL} at a time`, paced]] as const) {
      console.log(`${ATTEMPTS} attempts on ${CONTESTED} slots, ${name}, pool of ${POOL}: ${r.seconds.toFixed(2)} s, ${r.won} won, ${r.lostWithAlternative} told "taken" with other free slots, ${r.lostWithout} without, ${r.failed} failed; p50 ${percentile(r.latencies, 50).toFixed(1)} ms, p99 ${percentile(r.latencies, 99).toFixed(1)} ms`);
    }
    console.log(
      JSON.stringify({
        bench: "booking",
        database: "postgres",
        attempts: ATTEMPTS,
        slots: CONTESTED,
        bookings,
        doubles,
        losers_with_alternative: burst.lostWithAlternative,
        failed: burst.failed + paced.failed,
        per_s: Math.round(ATTEMPTS / burst.seconds),
        burst_p99_ms: Number(percentile(burst.latencies, 99).toFixed(2)),
        p50_ms: Number(percentile(paced.latencies, 50).toFixed(2)),
        p99_ms: Number(percentile(paced.latencies, 99).toFixed(2)),
        pool: POOL,
        statements_per_attempt: Number(statements.toFixed(2)),
        node_cpu_ms_per_attempt: Number(nodeCpuMs.toFixed(2)),
        ok,
      }),
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await bench.dispose();
  }
}
