import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordControlDocument } from "../../core/control/record.js";
import { setLanguage } from "../../core/people/users.js";
import type { Actor } from "../../core/shared/roles.js";
import { controlDocuments, controlExecutors, users } from "../../db/schema/index.js";
import { staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { itemButtons, pageTo, search } from "../support/lists.js";
import { joinedStaff, manyStaff, nth } from "../support/staff.js";
import { shown } from "../support/texts.js";

const REGISTRAR = 969001;
const EXECUTOR = 969002;
const STAFF = 969100;
const ROWS = 150;

let h: Harness;
let registrar: Actor;
let executor: Actor;
beforeAll(async () => {
  // Fifteen pages pressed through in a row, faster than any person would.
  h = await startHarness([citizen(REGISTRAR, "ru"), citizen(EXECUTOR, "kk")], { floodLimit: 0 });
  const core = h.app().core;
  registrar = await setLanguage(core, core.db, await staffMember(core, REGISTRAR, "registrar"), "ru");
  await manyStaff(core, ROWS, STAFF, "executor", "document_flow", (n) => `Сотрудник ${nth(n)}`);
  executor = await joinedStaff(core, EXECUTOR, "executor", "appeals_review", "Орындаушы Көп тапсырма");
}, 120_000);
afterAll(() => h.dispose());

const unit = "Сектор документооборота";
const done = shown("ru", "control.record.executors_done");

describe(`control lists of 150 on ${dbKind}`, () => {
  it("a registrar ticks the 143rd of 150 executors by paging and another by search, on the same list", async () => {
    const reg = h.user(REGISTRAR);
    await reg.send("/newcontrol");
    await reg.press(shown("ru", "control.source.head_of_state"));
    await reg.send("21-01.5555");
    await reg.waitForBot(shown("ru", "control.record.ask_source_date"));
    await reg.send("27.02.2026");
    await reg.waitForBot(shown("ru", "control.record.ask_content"));
    await reg.send("Ақпарат ұсынылсын.");
    const list = await reg.waitForBot(shown("ru", "control.record.ask_executors", { count: 0 }));
    // 150, the other executor, and the registrar: sixteen pages.
    await pageTo(reg, list.message_id, `Сотрудник 143 · ${unit}`, 16, [done]);
    await reg.press(`Сотрудник 143 · ${unit}`, { messageId: list.message_id });
    // Ticked where it was: the same page, in place.
    const ticked = await reg.waitForBot(shown("ru", "control.record.ask_executors", { count: 1 }));
    expect(ticked.message_id).toBe(list.message_id);
    expect(itemButtons(ticked, [done])).toContain(`✅ Сотрудник 143 · ${unit}`);
    expect(ticked.inline_keyboard!.flat().map((b) => b.text)).toContain("15 / 16");

    const found = await search(reg, "ru", "сотрудник 077", 1);
    await reg.press(`Сотрудник 077 · ${unit}`, { messageId: found.message_id });
    const both = await reg.waitForBot(shown("ru", "control.record.ask_executors", { count: 2 }));
    // Still the search's one item after the tick.
    expect(itemButtons(both, [done, shown("ru", "picker.show_all")])).toEqual([`✅ Сотрудник 077 · ${unit}`]);
    await reg.press(done, { messageId: both.message_id });
    await reg.waitForBot(shown("ru", "control.record.ask_due"));
    // The due date is typed: the list is no longer what a typed word answers.
    await reg.send("20.03.2026");
    await reg.press(shown("ru", "control.record.confirm"));
    const recorded = await reg.waitForBot(/БҚ-2026-\d{6}/);
    const number = /БҚ-2026-\d{6}/.exec(recorded.text)![0];
    const [document] = await h.app().core.db.select().from(controlDocuments).where(eq(controlDocuments.number, number));
    const chosen = await h.app().core.db.select({ name: users.fullName }).from(controlExecutors).innerJoin(users, eq(users.id, controlExecutors.userId)).where(eq(controlExecutors.documentId, document!.id));
    expect(chosen.map((c) => c.name).sort()).toEqual(["Сотрудник 077", "Сотрудник 143"]);
  });

  it("an executor with 150 items pages to the 143rd and opens it", async () => {
    const core = h.app().core;
    for (let n = 1; n <= ROWS; n++) {
      await recordControlDocument(core, registrar, { source: "sc_chairman", sourceNumber: `7-${nth(n)}`, sourceDate: "2026-02-27", text: `Тапсырма ${nth(n)}`, executorUserIds: [executor.userId], dueOn: "2026-04-30" });
    }
    const numbers = (await core.db.select({ number: controlDocuments.number }).from(controlDocuments).innerJoin(controlExecutors, eq(controlExecutors.documentId, controlDocuments.id)).where(eq(controlExecutors.userId, executor.userId)).orderBy(controlExecutors.id)).map((r) => r.number);
    const ex = h.user(EXECUTOR);
    await ex.send("/control");
    const list = await ex.waitForBot(shown("kk", "control.my.title"));
    const label = shown("kk", "control.button.open", { number: numbers[142]!, due: "30.04.2026" });
    await pageTo(ex, list.message_id, label, 15);
    await ex.press(label, { messageId: list.message_id });
    await ex.waitForBot("Тапсырма 143");
  });
});
