import fc from "fast-check";
import { eq } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appeals, users } from "../../db/schema/index.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness } from "../support/harness.js";
import { castMaker } from "./cast.js";
import { perform, steps, strangerGained, type Cast, type Stage } from "./people.js";
import { watchInbox } from "./settle.js";

/**
 * Whatever people send, in any order, twice, across restarts: no appeal is lost or doubled, a
 * stranger gains nothing and reads nobody's data, a citizen reads nobody else's appeal, and no
 * handler fails except with a translated refusal. `PROPERTY_RUNS` sets how many sequences: by
 * default 1,000 on PostgreSQL, about 100 s on two cores, with
 * `TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx vitest run --project postgres test/property`,
 * and 40 on PGlite, whose database runs in the bot's thread, at a third of the pace.
 * A failure prints its seed and path: `PROPERTY_SEED` and `PROPERTY_PATH` replay exactly that case.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? (dbKind === "PostgreSQL" ? 1_000 : 40));
const FIRST_ID = 990_000;
/** Runs that share one other citizen (their appeal and buttons); everyone else is new each run. */
const RUNS_PER_OTHER = 50;

/** The seed and path of a failure fast-check printed, to run that case again. */
function replay(): { seed?: number; path?: string } {
  const seed = process.env.PROPERTY_SEED;
  return seed === undefined ? {} : { seed: Number(seed), path: process.env.PROPERTY_PATH };
}

let stage: Stage;
let freshCast: () => Promise<Cast>;
/** Error lines the bot logged: a refusal is answered, never logged as an error. */
const errors: string[] = [];
beforeAll(async () => {
  // Three people a run, and another citizen every RUNS_PER_OTHER runs.
  const people = Array.from({ length: RUNS * 3 + Math.ceil(RUNS / RUNS_PER_OTHER) }, (_, i) => citizen(FIRST_ID + i, "ru"));
  const log = pino({ level: "error" }, { write: (line: string) => void errors.push(line) });
  // People here answer the bot as fast as it replies: Telegram's send rate and commits that wait
  // for the disk are not what this checks, and would set its pace.
  const h = await startHarness(people, { floodLimit: 0, log, durable: false, env: { SEND_RATE: "1000" } });
  stage = { h, settled: await watchInbox(h) };
  let next = FIRST_ID;
  freshCast = castMaker(h, () => next++, RUNS_PER_OTHER);
});
afterAll(async () => {
  await stage.settled.close();
  await stage.h.dispose();
});

/**
 * Everything the bot ever showed the person, edits that were later replaced included: a receipt
 * counts as told even when a (forged) press later redrew its message.
 */
async function readBy(cast: Cast, who: "citizen" | "stranger"): Promise<string> {
  const chat = cast[who].userId;
  const shownOnce = stage.h.sandbox.state.calls.filter((c) => c.ok && c.params.chat_id === chat && typeof c.params.text === "string").map((c) => c.params.text as string);
  const now = (await cast[who].messages()).filter((m) => m.from === "bot").map((m) => m.text);
  return [...shownOnce, ...now].join("\n");
}

describe(`random people against the bot on ${dbKind}`, () => {
  it(`keeps every policy over ${RUNS} random sequences`, { timeout: 120_000 + RUNS * 6_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(steps, fc.nat(), async (sequence, pick) => {
        const cast = await freshCast();
        const errorsBefore = errors.length;
        for (const step of sequence) {
          await perform(stage, cast, step, pick);
          await stage.settled();
        }
        const mine = await stage.h.db.database.db
          .select({ number: appeals.number })
          .from(appeals)
          .innerJoin(users, eq(users.id, appeals.citizenUserId))
          .where(eq(users.telegramId, cast.citizen.userId));
        const read = { citizen: await readBy(cast, "citizen"), stranger: await readBy(cast, "stranger") };
        const receipts = new Set(read.citizen.match(/ЖТ-\d{4}-\d{6}/g) ?? []);
        // Every appeal the citizen was told of exists, and none exists they were not told of.
        expect(mine.map((a) => a.number).sort()).toEqual([...receipts].filter((n) => !cast.secrets.includes(n)).sort());
        expect(await strangerGained(stage.h, cast.stranger.userId)).toBe(false);
        for (const text of Object.values(read)) for (const secret of cast.secrets) expect(text).not.toContain(secret);
        expect(errors.slice(errorsBefore)).toEqual([]);
      }),
      { numRuns: RUNS, endOnFailure: true, ...replay() },
    );
  });
});
