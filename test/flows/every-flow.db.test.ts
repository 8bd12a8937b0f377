import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { features } from "../../bot/features/index.js";
import { registeredChatFlows } from "../../bot/flows/chat-flow.js";
import type { Flow } from "../../core/flows/flow.js";
import { identify } from "../../core/people/users.js";
import type { Actor } from "../../core/shared/roles.js";
import { flows } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { shown } from "../support/texts.js";
import { FLOW_FIXTURES } from "./fixtures.js";

/**
 * Every chat flow the bot declares, at every step: a restart re-asks the step, Back goes where the
 * flow says (and is offered only there), /cancel ends it, and two writes at once both land.
 */
const chatFlows = registeredChatFlows();
let h: Harness;
let nextId = 940_000;
const ids = { next: () => ++nextId };
beforeAll(async () => {
  // The features are what declares the flows; the harness's bot is built from them.
  expect(features).toBeDefined();
  h = await startHarness(Array.from({ length: 400 }, (_, i) => citizen(940_001 + i, "kk")), { floodLimit: 0 });
});
afterAll(() => h.dispose());

async function person(flowName: string): Promise<{ actor: Actor; telegramId: number }> {
  const core = h.app().core;
  const telegramId = ids.next();
  const role = FLOW_FIXTURES[flowName]!.role;
  if (role === "citizen") await signedUpCitizen(core, telegramId);
  else await staffMember(core, telegramId, role);
  return { actor: { ...(await identify(core, { telegramId })), role }, telegramId };
}

/** Polls the database until `check` holds, as the bot works in its own time. */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function row(actor: Actor, name: string) {
  const [found] = await h.app().core.db.select().from(flows).where(and(eq(flows.userId, actor.userId), eq(flows.name, name)));
  return found;
}

describe(`every chat flow on ${dbKind}`, () => {
  it("has a fixture for each flow it declares", () => {
    expect(chatFlows.length).toBeGreaterThan(0);
    expect(chatFlows.map((c) => c.flow.name).filter((name) => !FLOW_FIXTURES[name])).toEqual([]);
  });

  for (const chat of chatFlows) {
    const flow = chat.flow as Flow<string, unknown>;
    it(`${flow.name}: each step is asked again after a restart, goes Back where declared, and ends with /cancel`, async () => {
      const core = h.app().core;
      const setup = await person(flow.name);
      const stepData = await FLOW_FIXTURES[flow.name]!.steps(core, setup.actor, ids);
      expect(Object.keys(stepData).sort()).toEqual([...flow.steps].sort());
      const u = h.user(setup.telegramId);
      for (const step of flow.steps) {
        await flow.start(h.app().core, setup.actor, { step, data: stepData[step] });
        await h.restart();
        // A message the step cannot take: the bot asks the step's question again.
        await u.sendSticker();
        await until(async () => (await row(setup.actor, flow.name))?.messageId != null, `${flow.name}/${step} is asked again`);
        const current = await row(setup.actor, flow.name);
        const question = (await u.messages()).find((m) => m.message_id === current!.messageId)!;
        const backLabel = shown("kk", "common.back");
        const hasBack = (question.inline_keyboard ?? []).flat().some((b) => b.text === backLabel);
        const target = flow.back?.({ step, data: current!.data as never });
        expect({ step, back: hasBack }).toEqual({ step, back: Boolean(target) });
        if (target) {
          await u.press(backLabel, { messageId: question.message_id });
          await until(async () => {
            const now = await row(setup.actor, flow.name);
            return now?.step === target.step && now.version > current!.version;
          }, `${flow.name}/${step} goes back to ${target.step}`);
        }
        await u.send("/cancel");
        await until(async () => (await row(setup.actor, flow.name)) === undefined, `${flow.name}/${step} ends with /cancel`);
      }
    });

    it(`${flow.name}: two writes to its row at once both land`, async () => {
      const core = h.app().core;
      const setup = await person(flow.name);
      const stepData = await FLOW_FIXTURES[flow.name]!.steps(core, setup.actor, ids);
      const step = flow.steps[0]!;
      const started = await flow.start(core, setup.actor, { step, data: stepData[step] });
      const rewrite = () => flow.update(core, setup.actor, async (state) => ({ next: { step: state.step, data: structuredClone(state.data) }, result: state.version }));
      const [a, b] = await Promise.all([rewrite(), rewrite()]);
      expect([a.result, b.result].sort()).toEqual([started.version, started.version + 1]);
      expect((await row(setup.actor, flow.name))!.version).toBe(started.version + 2);
    });
  }
});
