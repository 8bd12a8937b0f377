import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAppeal } from "../../core/appeals/register.js";
import type { Actor } from "../../core/shared/roles.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { addUnit } from "../../core/staff/units.js";
import { appeals, users } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { itemButtons, pageTo, search } from "../support/lists.js";
import { joinedStaff, manyStaff, nth } from "../support/staff.js";
import { shown } from "../support/texts.js";

const CITIZEN = 967001;
const REGISTRAR = 967002;
const REVIEWERS = 967100;
const EXECUTOR = 967400;
const ROWS = 150;

let h: Harness;
let owner: Actor;
beforeAll(async () => {
  // The registrar walks three lists of fifteen pages, faster than any person would press.
  h = await startHarness([citizen(CITIZEN, "kk"), citizen(REGISTRAR, "ru")], { floodLimit: 0 });
  const core = h.app().core;
  owner = await signedUpCitizen(core, CITIZEN);
  await staffMember(core, REGISTRAR, "registrar");
  for (let n = 1; n <= ROWS; n++) {
    await addUnit(core, CONSOLE_OPERATOR, { code: `body_${nth(n)}`, kind: "external_body", nameKk: `Мемлекеттік орган ${nth(n)}`, nameRu: `Государственный орган ${nth(n)}` });
    await addUnit(core, CONSOLE_OPERATOR, { code: `ja_${nth(n)}`, kind: "ja_unit", nameKk: `СӘ бөлімшесі ${nth(n)}`, nameRu: `Подразделение СА ${nth(n)}` });
  }
  await manyStaff(core, ROWS, REVIEWERS, "reviewer", "appeals_review", (n) => `Рецензент ${nth(n)}`);
  await joinedStaff(core, EXECUTOR, "executor", "ja_117", "Орындаушы Жүз он жеті");
}, 120_000);
afterAll(() => h.dispose());

const register = (text: string) => registerAppeal(h.app().core, owner, { draftId: randomUUID(), type: "complaint", text, language: "kk", replyChannel: "chat" });
const stateOf = async (appealId: number) => (await h.app().core.db.select().from(appeals).where(eq(appeals.id, appealId)))[0]!;
const back = shown("ru", "common.back");

describe(`the registrar's lists of 150 on ${dbKind}`, () => {
  it("walks 150 state bodies ten a page, in place, and forwards to the 143rd", async () => {
    const { appealId, number } = await register("Прокурордың әрекетіне шағым.");
    const registrar = h.user(REGISTRAR);
    await registrar.send("/queue");
    await registrar.waitForBot(number);
    await registrar.press(shown("ru", "appeal.category.state_bodies"));
    await registrar.press(shown("ru", "staff.registry.to_body"));
    const list = await registrar.waitForBot(shown("ru", "staff.registry.choose_body", { number }));
    expect(itemButtons(list, [back])).toEqual(Array.from({ length: 10 }, (_, i) => `Государственный орган ${nth(i + 1)}`));
    await pageTo(registrar, list.message_id, "Государственный орган 143", 15, [back]);
    await registrar.press("Государственный орган 143", { messageId: list.message_id });
    await registrar.waitForBot(shown("ru", "staff.registry.ask_body_reason", { number, body: "Государственный орган 143" }));
    await registrar.send("Вопрос относится к компетенции этого органа.");
    await registrar.waitForBot(shown("ru", "staff.registry.forwarded_external", { number, body: "Государственный орган 143" }));
    expect(await stateOf(appealId)).toMatchObject({ state: "forwarded_external" });
  });

  it("finds a JA unit by a typed word, says so when nothing matches, and forwards to the one found", async () => {
    const { appealId, number } = await register("Сот актісінің орындалуы туралы.");
    const registrar = h.user(REGISTRAR);
    await registrar.send("/queue");
    await registrar.waitForBot(number);
    await registrar.press(shown("ru", "appeal.category.general"));
    await registrar.press(shown("ru", "staff.registry.to_unit"));
    await registrar.waitForBot(shown("ru", "staff.registry.choose_unit", { number }));

    const none = await search(registrar, "ru", "Несуществующее", 0);
    expect(itemButtons(none, [back, shown("ru", "picker.show_all")])).toEqual([]);
    await registrar.press(shown("ru", "picker.show_all"), { messageId: none.message_id });
    await registrar.waitFor((v) => v.messages.some((m) => m.message_id === none.message_id && m.text.includes(shown("ru", "picker.type_to_search"))));

    const found = await search(registrar, "ru", "117", 1);
    expect(itemButtons(found, [back, shown("ru", "picker.show_all")])).toEqual(["Подразделение СА 117"]);
    await registrar.press("Подразделение СА 117", { messageId: found.message_id });
    await registrar.waitForBot(shown("ru", "staff.registry.forwarded_internal", { number, unit: "Подразделение СА 117" }));
    const [executor] = await h.app().core.db.select().from(users).where(eq(users.telegramId, EXECUTOR));
    expect(await stateOf(appealId)).toMatchObject({ state: "forwarded_internal", holderUserId: executor!.id });
  });

  it("assigns the 143rd of 150 reviewers, found both by paging and by search", async () => {
    const { appealId, number } = await register("Сот отырысы кейінге қалдырылды.");
    const registrar = h.user(REGISTRAR);
    await registrar.send("/queue");
    await registrar.waitForBot(number);
    await registrar.press(shown("ru", "appeal.category.court_proceedings"));
    await registrar.press(shown("ru", "staff.registry.assign"));
    const list = await registrar.waitForBot(shown("ru", "staff.registry.choose_reviewer", { number }));
    await pageTo(registrar, list.message_id, "Рецензент 143 (0)", 15, [back]);
    // A search from the last page finds the same person.
    const found = await search(registrar, "ru", "рецензент 143", 1);
    await registrar.press("Рецензент 143 (0)", { messageId: found.message_id });
    await registrar.waitForBot(shown("ru", "staff.registry.classified", { number, category: shown("ru", "appeal.category.court_proceedings"), name: "Рецензент 143" }));
    const [reviewer] = await h.app().core.db.select().from(users).where(eq(users.fullName, "Рецензент 143"));
    expect(await stateOf(appealId)).toMatchObject({ state: "in_review", holderUserId: reviewer!.id });
  });
});
