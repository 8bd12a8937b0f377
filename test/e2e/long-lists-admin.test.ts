import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { addUnit } from "../../core/staff/units.js";
import { invites, units, users } from "../../db/schema/index.js";
import { staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { itemButtons, pageTo, search } from "../support/lists.js";
import { manyStaff, nth } from "../support/staff.js";
import { shown } from "../support/texts.js";

const ADMIN = 968001;
const STAFF = 968100;
const ROWS = 150;
/** The department, its three sectors and the Judicial Administration come with the database. */
const SEEDED_UNITS = 5;

let h: Harness;
beforeAll(async () => {
  // The administrator walks lists of sixteen pages, faster than any person would press.
  const people = Array.from({ length: ROWS }, (_, i) => citizen(STAFF + i + 1, "kk"));
  h = await startHarness([citizen(ADMIN, "ru"), ...people], { floodLimit: 0 });
  const core = h.app().core;
  await staffMember(core, ADMIN, "admin");
  for (let n = 1; n <= ROWS; n++) await addUnit(core, CONSOLE_OPERATOR, { code: `unit_${nth(n)}`, kind: "ja_unit", nameKk: `Бөлімше ${nth(n)}`, nameRu: `Подразделение ${nth(n)}` });
  await manyStaff(core, ROWS, STAFF, "executor", "unit_001", (n) => `Сотрудник ${nth(n)}`);
}, 120_000);
afterAll(() => h.dispose());

const back = shown("ru", "common.back");
const pages = (rows: number) => Math.ceil(rows / 10);
const isActive = async (telegramId: number) => (await h.app().core.db.select().from(users).where(eq(users.telegramId, telegramId)))[0]!.active;

describe(`the administrator's lists of 150 on ${dbKind}`, () => {
  it("ends the access of the 143rd of 150 staff, and of another found by a typed word", async () => {
    const admin = h.user(ADMIN);
    await admin.send("/admin");
    await admin.press(shown("ru", "staff.admin.staff"));
    // The administrator is on the list too.
    const list = await admin.waitForBot(shown("ru", "staff.admin.staff_title", { count: ROWS + 1 }));
    const label = `Сотрудник 143 · ${shown("ru", "staff.roles.executor")}`;
    await pageTo(admin, list.message_id, label, pages(ROWS + 1), [back]);
    await admin.press(label, { messageId: list.message_id });
    await admin.press(shown("ru", "staff.admin.deactivate"));
    await admin.waitForBot(shown("ru", "staff.admin.deactivated", { count: 0, numbers: "—" }));
    expect(await isActive(STAFF + 143)).toBe(false);

    await admin.press(back);
    await admin.press(shown("ru", "staff.admin.staff"));
    await admin.waitForBot(shown("ru", "staff.admin.staff_title", { count: ROWS }));
    const found = await search(admin, "ru", "сотрудник 077", 1);
    expect(itemButtons(found, [back, shown("ru", "picker.show_all")])).toEqual([`Сотрудник 077 · ${shown("ru", "staff.roles.executor")}`]);
    await admin.press(`Сотрудник 077 · ${shown("ru", "staff.roles.executor")}`, { messageId: found.message_id });
    await admin.press(shown("ru", "staff.admin.deactivate"));
    await admin.waitForBot(shown("ru", "staff.admin.deactivated", { count: 0, numbers: "—" }));
    expect(await isActive(STAFF + 77)).toBe(false);
    expect(await isActive(STAFF + 78)).toBe(true);
  });

  it("shows 155 units ten lines a page, and invites to the 143rd added", async () => {
    const admin = h.user(ADMIN);
    await admin.send("/admin");
    await admin.press(shown("ru", "staff.admin.units"));
    const overview = await admin.waitForBot(shown("ru", "staff.admin.units_title"));
    expect(overview.text).toContain("Общий отдел");
    expect(overview.text).not.toContain("Подразделение 006");
    const adders = [shown("ru", "staff.admin.add_ja_unit"), shown("ru", "staff.admin.add_external_body"), back];
    expect(itemButtons(overview, adders)).toEqual([]);
    const page = await pageTo(admin, overview.message_id, "Подразделение 143", pages(ROWS + SEEDED_UNITS), adders);
    expect(page.text).toContain(shown("ru", "staff.admin.unit_line", { name: "Подразделение 136", kind: shown("ru", "staff.unit_kind.ja_unit"), off: "" }));
    expect(page.text).not.toContain("Подразделение 146");

    await admin.send("/admin");
    await admin.press(shown("ru", "staff.admin.invite"));
    await admin.press(shown("ru", "staff.roles.reviewer"));
    const list = await admin.waitForBot(shown("ru", "staff.admin.choose_unit", { role: shown("ru", "staff.roles.reviewer") }));
    await pageTo(admin, list.message_id, "Подразделение 143", pages(ROWS + SEEDED_UNITS), [back]);
    await admin.press("Подразделение 143", { messageId: list.message_id });
    await admin.press(shown("ru", "staff.admin.create"));
    await admin.waitForBot(/start=join_/);
    const [unit] = await h.app().core.db.select().from(units).where(eq(units.code, "unit_143"));
    expect(await h.app().core.db.select({ role: invites.role }).from(invites).where(eq(invites.unitId, unit!.id))).toEqual([{ role: "reviewer" }]);
  });
});
