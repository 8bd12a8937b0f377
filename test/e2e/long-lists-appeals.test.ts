import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAppeal } from "../../core/appeals/register.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { itemButtons, pageTo, search } from "../support/lists.js";
import { nth } from "../support/staff.js";
import { shown } from "../support/texts.js";

const CITIZEN = 972001;
const REGISTRAR = 972002;
const ROWS = 150;

let h: Harness;
let numbers: string[];
beforeAll(async () => {
  // Fifteen pages pressed through in a row, faster than any person would.
  h = await startHarness([citizen(CITIZEN, "kk"), citizen(REGISTRAR, "ru")], { floodLimit: 0 });
  const core = h.app().core;
  const owner = await signedUpCitizen(core, CITIZEN);
  await staffMember(core, REGISTRAR, "registrar");
  numbers = [];
  for (let n = 1; n <= ROWS; n++) {
    const { number } = await registerAppeal(core, owner, { draftId: randomUUID(), type: "application", text: `Өтініш мәтіні ${nth(n)}`, language: "kk", replyChannel: "chat" });
    numbers.push(number);
  }
}, 120_000);
afterAll(() => h.dispose());

describe(`staff lists of 150 appeals on ${dbKind}`, () => {
  it("pages /appeals to the 143rd of 150 open appeals, ten lines a page, and opens its card", async () => {
    const registrar = h.user(REGISTRAR);
    await registrar.send("/appeals");
    const list = await registrar.waitForBot(shown("ru", "staff.appeals.title"));
    expect(itemButtons(list)).toEqual(numbers.slice(0, 10));
    expect(list.text).not.toContain(numbers[10]);
    const page = await pageTo(registrar, list.message_id, numbers[142]!, 15);
    expect(page.text).toContain(numbers[149]);
    await registrar.press(numbers[142]!, { messageId: list.message_id });
    await registrar.waitForBot("Өтініш мәтіні 143");
  });

  it("pages what /find found, narrows it by a typed word, and says so when nothing is left", async () => {
    const registrar = h.user(REGISTRAR);
    await registrar.send("/find мәтіні");
    const found = await registrar.waitForBot(shown("ru", "staff.search.title", { query: "мәтіні" }));
    // The newest hundred, newest first.
    expect(itemButtons(found)[0]).toBe(numbers[149]);
    await pageTo(registrar, found.message_id, numbers[50]!, 10);

    const none = await search(registrar, "ru", "ЖТ-2026-000001", 0);
    expect(itemButtons(none, [shown("ru", "picker.show_all")])).toEqual([]);
    // The search stays with the words /find was given, across the narrowing.
    await registrar.press(shown("ru", "picker.show_all"), { messageId: none.message_id });
    await registrar.waitFor((v) => v.messages.some((m) => m.message_id === none.message_id && m.inline_keyboard!.flat().some((b) => b.text === "1 / 10")));
    const one = await search(registrar, "ru", numbers[76]!, 1);
    await registrar.press(numbers[76]!, { messageId: one.message_id });
    await registrar.waitForBot("Өтініш мәтіні 077");
  });
});
