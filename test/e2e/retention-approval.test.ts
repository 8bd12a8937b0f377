import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { destructionActJob } from "../../core/registry/jobs.js";
import { parseNomenclatureFile } from "../../core/registry/nomenclature-file.js";
import { importNomenclature } from "../../core/registry/nomenclature.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { destructionActs } from "../../db/schema/index.js";
import { staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { shown } from "../support/texts.js";

const HEAD = 964101;

let h: Harness;
beforeAll(async () => {
  h = await startHarness([citizen(HEAD, "kk")]);
  await staffMember(h.app().core, HEAD, "head");
});
afterAll(() => h.dispose());

describe(`a destruction act approved in chat on ${dbKind}`, () => {
  it("reaches the Head with its cases and an approve button that works once", async () => {
    const core = h.app().core;
    h.clock.set("2021-02-01T10:00:00+05:00");
    await importNomenclature(core, CONSOLE_OPERATOR, { year: 2021, rows: parseNomenclatureFile("index,title,retention_years,articles,holds\n01-03,Өтініштер,5,,appeals\n01-01,Бұйрықтар,permanent,,") });

    h.clock.set("2027-01-04T09:10:00+05:00");
    expect(await destructionActJob.run(core)).toBe(1);
    const u = h.user(HEAD);
    const notice = await u.waitForBot(shown("kk", "nomenclature.notice.act_to_approve", { number: "АКТ-2027-000001", cases: 1, appeals: 0, entries: 0 }));
    expect(notice.text).toContain(shown("kk", "nomenclature.notice.act_case", { index: "01-03", title: "Өтініштер", year: 2021, through: 2026, appeals: 0, entries: 0 }));
    expect(notice.text).not.toContain("Бұйрықтар");

    await u.press(shown("kk", "nomenclature.approve_button"), { messageId: notice.message_id });
    await u.waitForBot(shown("kk", "nomenclature.approved", { number: "АКТ-2027-000001" }));
    const [act] = await core.db.select().from(destructionActs).where(eq(destructionActs.number, "АКТ-2027-000001"));
    expect(act!.approvedAt).not.toBeNull();

    // The same button pressed again (an old copy of the notice) changes nothing and says why.
    await u.pressData(notice.message_id, `ra1:approve:${act!.id}`);
    await u.waitFor((v) => v.toasts.some((t) => t.text === shown("kk", "errors.act_already_approved", { number: "АКТ-2027-000001" })));
  });
});
