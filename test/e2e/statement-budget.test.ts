import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAppeal } from "../../core/appeals/register.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import type { SandboxUser } from "../support/sandbox-user.js";
import { shown } from "../support/texts.js";

/**
 * What each kind of screen asks of the database, counted through the real bot by its own
 * `otinish_update_statements` metric (a transaction's BEGIN and COMMIT count; the update inbox's
 * store, claim and done do not). A change that makes a screen ask more fails here, by name:
 * lower a budget when a screen gets cheaper, raise one only with a reason.
 */
const BUDGET = {
  // Written (found nowhere, inserted, read back), then the language question.
  "/start, a newcomer": 5,
  // The person with their flows, consent and profile in one statement; the menu needs nothing more.
  "/start, seen before": 2,
  // "My appeals": the person, then the first page with the count.
  "a menu button": 2,
  // The person, then the flow's step written (checked against the version read).
  "a flow's button": 2,
  // The same, and the id of the message that asks the next question.
  "a flow's text": 3,
  // The registrar, then the oldest new appeal with its place in the queue.
  "a staff list": 2,
} as const;

const CITIZEN = 963001;
const NEWCOMER = 963002;
const REGISTRAR = 963101;

let h: Harness;
beforeAll(async () => {
  h = await startHarness([citizen(CITIZEN, "ru"), citizen(NEWCOMER, "kk"), citizen(REGISTRAR, "ru")], { env: { STATEMENT_METRICS: "on" } });
  const core = h.app().core;
  const owner = await signedUpCitizen(core, CITIZEN);
  await staffMember(core, REGISTRAR, "registrar");
  await registerAppeal(core, owner, { draftId: randomUUID(), type: "complaint", text: "Сот отырысы үш рет кейінге қалдырылды, себебін түсіндіріңіз.", language: "ru", replyChannel: "chat" });
});
afterAll(() => h.dispose());

async function metric(series: "sum" | "count"): Promise<number> {
  const text = await (await fetch(`${h.app().url}/metrics`)).text();
  return text
    .split("\n")
    .filter((line) => line.startsWith(`otinish_update_statements_${series}`))
    .reduce((total, line) => total + Number(line.split(" ").at(-1)), 0);
}

/** Every update the emulator sent has been handled and counted. */
const settled = () => expect.poll(() => metric("count")).toBe(h.sandbox.state.updatesSent);

/** The statements of the updates `act` makes, once the bot has finished handling them. */
async function statementsOf(act: () => Promise<unknown>): Promise<number> {
  await settled();
  const before = await metric("sum");
  await act();
  await settled();
  return (await metric("sum")) - before;
}

describe(`statements per screen on ${dbKind}`, () => {
  it("keeps each kind of screen within its budget", async () => {
    const u: SandboxUser = h.user(CITIZEN);
    const newcomer = h.user(NEWCOMER);
    const spent: Record<keyof typeof BUDGET, number> = {
      "/start, a newcomer": await statementsOf(async () => {
        await newcomer.send("/start");
        await newcomer.waitForBot(/./);
      }),
      "/start, seen before": await statementsOf(async () => {
        await u.send("/start");
        await u.waitForBot(shown("ru", "menu.title"));
      }),
      "a menu button": await statementsOf(() => u.press(shown("ru", "menu.my_appeals"))),
      "a flow's button": 0,
      "a flow's text": 0,
      "a staff list": 0,
    };
    await u.send("/start");
    await u.press(shown("ru", "menu.submit_appeal"));
    await u.waitForBot(shown("ru", "appeal.intake.ask_type").replace(/\s+/g, " ").slice(0, 12));
    spent["a flow's button"] = await statementsOf(async () => {
      await u.press(shown("ru", "appeal.type.complaint"));
      await u.waitForBot(shown("ru", "appeal.intake.ask_text", { max: "10 000" }).slice(0, 20));
    });
    spent["a flow's text"] = await statementsOf(() => u.send("Прошу разъяснить порядок получения копии решения суда по гражданскому делу № 2-123/2026."));
    const registrar = h.user(REGISTRAR);
    // Once greeted, as on every working day but the first (the first notes the language they were greeted in).
    await registrar.send("/start");
    await registrar.waitForBot(/./);
    spent["a staff list"] = await statementsOf(async () => {
      await registrar.send("/queue");
      await registrar.waitForBot("Сот отырысы үш рет");
    });
    const over = Object.entries(BUDGET).flatMap(([screen, budget]) => {
      const statements = spent[screen as keyof typeof BUDGET];
      return statements > budget ? [`${screen}: ${statements} statements, budget ${budget}`] : [];
    });
    expect(over).toEqual([]);
  });
});
