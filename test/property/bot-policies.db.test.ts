import fc from "fast-check";
import { eq } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerIntake, beginIntake } from "../../core/appeals/intake.js";
import { setLanguage } from "../../core/people/users.js";
import { appeals } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { shown } from "../support/texts.js";
import { perform, settled, steps, strangerGained, type Cast } from "./people.js";

/**
 * Whatever people send, in any order, twice, across restarts: no appeal is lost or doubled, a
 * stranger gains nothing and reads nobody's data, a citizen reads nobody else's appeal, and no
 * handler fails except with a translated refusal. `PROPERTY_RUNS` sets how many sequences.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 40);
const FIRST_ID = 990_000;

let h: Harness;
/** Error lines the bot logged: a refusal is answered, never logged as an error. */
const errors: string[] = [];
beforeAll(async () => {
  const people = Array.from({ length: RUNS * 4 + 8 }, (_, i) => citizen(FIRST_ID + i, "ru"));
  const log = pino({ level: "error" }, { write: (line: string) => void errors.push(line) });
  h = await startHarness(people, { floodLimit: 0, log });
});
afterAll(() => h.dispose());

let next = 0;
/** Four fresh people: the citizen, another citizen with an appeal of their own, a stranger and a registrar. */
async function freshCast(): Promise<Cast> {
  const core = h.app().core;
  const [mine, other, stranger, staff] = [0, 1, 2, 3].map((i) => FIRST_ID + next * 4 + i) as [number, number, number, number];
  next++;
  await signedUpCitizen(core, mine);
  const otherActor = await signedUpCitizen(core, other, { fullName: `Тайный Житель ${other}`, iin: "870615400228" });
  const secret = `Секретный текст ${other}`;
  const draft = await beginIntake(core, otherActor);
  await answerIntake(core, otherActor, { type: "appeal_type", value: "request" });
  await answerIntake(core, otherActor, { type: "text", text: secret });
  await answerIntake(core, otherActor, { type: "files_done" });
  await answerIntake(core, otherActor, { type: "language", value: "ru" });
  await answerIntake(core, otherActor, { type: "channel", value: "chat" });
  const done = await answerIntake(core, otherActor, { type: "confirm", draftId: draft.data.draftId });
  const number = done.step === "registered" ? done.receipt.number : "";
  await setLanguage(core, core.db, await staffMember(core, staff, "registrar"), "ru");
  // The other citizen looks at their appeal, so its buttons exist to be replayed by a forger.
  const owner = h.user(other);
  await owner.send("/start");
  await owner.press(shown("ru", "menu.my_appeals"));
  await owner.press(number);
  await owner.waitForBot(secret);
  const othersButtons = (await owner.messages()).flatMap((m) => (m.inline_keyboard ?? []).flat().flatMap((b) => (b.callback_data ? [b.callback_data] : [])));
  return { citizen: h.user(mine), stranger: h.user(stranger), staff: h.user(staff), othersButtons, secrets: [secret, number, `Тайный Житель ${other}`] };
}

/**
 * Everything the bot ever showed the person, edits that were later replaced included: a receipt
 * counts as told even when a (forged) press later redrew its message.
 */
async function readBy(cast: Cast, who: "citizen" | "stranger" | "staff"): Promise<string> {
  const chat = cast[who].userId;
  const shownOnce = h.sandbox.state.calls.filter((c) => c.ok && c.params.chat_id === chat && typeof c.params.text === "string").map((c) => c.params.text as string);
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
          await perform(h, cast, step, pick);
          await settled(h);
        }
        const core = h.app().core;
        const mine = await core.db.select().from(appeals).where(eq(appeals.citizenUserId, (await core.db.query.users.findFirst({ where: (u, { eq: is }) => is(u.telegramId, cast.citizen.userId) }))!.id));
        const receipts = new Set((await readBy(cast, "citizen")).match(/ЖТ-\d{4}-\d{6}/g) ?? []);
        // Every appeal the citizen was told of exists, and none exists they were not told of.
        expect(mine.map((a) => a.number).sort()).toEqual([...receipts].filter((n) => !cast.secrets.includes(n)).sort());
        expect(await strangerGained(h, cast.stranger.userId)).toBe(false);
        for (const who of ["citizen", "stranger"] as const) {
          const read = await readBy(cast, who);
          for (const secret of cast.secrets) expect(read).not.toContain(secret);
        }
        expect(errors.slice(errorsBefore)).toEqual([]);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});
