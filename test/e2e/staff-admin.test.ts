import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pendingDraft } from "../../core/appeals/answer.js";
import { registerAppeal } from "../../core/appeals/register.js";
import type { Actor } from "../../core/shared/roles.js";
import { appeals, units } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { shown } from "../support/texts.js";

const CITIZEN = 964001;
const REGISTRAR = 964101;
const HEAD = 964102;
const ADMIN = 964103;
const NEWCOMER = 964104;

let h: Harness;
let owner: Actor;
beforeAll(async () => {
  h = await startHarness([citizen(CITIZEN, "ru"), citizen(REGISTRAR, "ru"), citizen(HEAD, "kk"), citizen(ADMIN, "ru"), { ...citizen(NEWCOMER, "kk", "Нұрлан"), last_name: "Сейітов" }]);
  const core = h.app().core;
  owner = await signedUpCitizen(core, CITIZEN);
  await staffMember(core, REGISTRAR, "registrar");
  await staffMember(core, HEAD, "head");
  await staffMember(core, ADMIN, "admin");
});
afterAll(() => h.dispose());

const stateOf = async (appealId: number) => (await h.app().core.db.select().from(appeals).where(eq(appeals.id, appealId)))[0]!;

describe(`administering staff and routing to a JA unit in chat on ${dbKind}`, () => {
  it("admin adds a JA unit and invites its executor; the registrar forwards to it; the executor drafts; deactivation hands the work back", async () => {
    const admin = h.user(ADMIN);
    await admin.send("/admin");
    await admin.press(shown("ru", "staff.admin.units"));
    await admin.press(shown("ru", "staff.admin.add_ja_unit"));
    await admin.waitForBot(shown("ru", "staff.admin.ask_name_kk"));
    await admin.send("Сот актілерін орындау басқармасы");
    await admin.waitForBot(shown("ru", "staff.admin.ask_name_ru"));
    await admin.send("Управление исполнения судебных актов");
    await admin.waitForBot(shown("ru", "staff.admin.unit_added", { name: "Управление исполнения судебных актов", kind: shown("ru", "staff.unit_kind.ja_unit") }));
    const [unit] = await h.app().core.db.select().from(units).where(eq(units.nameRu, "Управление исполнения судебных актов"));
    expect(unit).toMatchObject({ kind: "ja_unit", nameKk: "Сот актілерін орындау басқармасы", active: true });

    await admin.press(shown("ru", "staff.admin.invite"));
    await admin.press(shown("ru", "staff.roles.executor"));
    await admin.press("Управление исполнения судебных актов");
    await admin.press(shown("ru", "staff.admin.create"));
    const created = await admin.waitForBot(/start=join_/);
    const link = /start=join_([A-Z0-9]+)/.exec(created.text)![1]!;

    const newcomer = h.user(NEWCOMER);
    await newcomer.send(`/start join_${link}`);
    await newcomer.waitForBot("Сот актілерін орындау басқармасы");

    const { appealId, number } = await registerAppeal(h.app().core, owner, { draftId: randomUUID(), type: "request", text: "Прошу разъяснить ход исполнения решения суда.", language: "ru", replyChannel: "chat" });
    const registrar = h.user(REGISTRAR);
    await registrar.send("/queue");
    await registrar.waitForBot(number);
    await registrar.press(shown("ru", "appeal.category.general"));
    await registrar.press(shown("ru", "staff.registry.to_unit"));
    await registrar.press("Управление исполнения судебных актов");
    await registrar.waitForBot(shown("ru", "staff.registry.forwarded_internal", { number, unit: "Управление исполнения судебных актов" }));
    await h.user(CITIZEN).waitForBot(shown("ru", "appeal.notice.forwarded_internal", { number, unit: "Управление исполнения судебных актов" }));

    // The executor is told in chat and drafts the answer from the card.
    await newcomer.waitForBot(shown("kk", "staff.notice.forwarded_to_you", { number, due: (await stateOf(appealId)).dueOn }));
    await newcomer.send("/appeals");
    await newcomer.press(number);
    await newcomer.waitForBot("Прошу разъяснить ход исполнения");
    await newcomer.press(shown("kk", "staff.card.draft"));
    await newcomer.waitForBot(shown("kk", "staff.draft.start", { number, language: shown("kk", "appeal.language.ru") }));
    await newcomer.send("Решение суда исполняется, исполнительный лист направлен судебному исполнителю.");
    await newcomer.press(shown("kk", "appeal.outcome.explained"));
    await newcomer.press(shown("kk", "staff.draft.submit"));
    await newcomer.waitForBot(shown("kk", "staff.draft.submitted", { number }));
    expect((await pendingDraft(h.app().core.db, appealId))?.text).toContain("исполнительный лист");

    // The Head returns it; then the administrator ends the executor's access: the appeal goes back to the queue.
    const head = h.user(HEAD);
    await head.send("/approvals");
    await head.waitForBot(number);
    await head.press(shown("kk", "staff.approval.return"));
    await head.send("Укажите, каким судебным исполнителем.");
    await newcomer.waitForBot(shown("kk", "staff.notice.draft_returned", { number, comment: "Укажите, каким судебным исполнителем." }));
    await newcomer.send("/appeals");
    await newcomer.press(number);
    await newcomer.waitForBot(shown("kk", "staff.card.returned", { comment: "Укажите, каким судебным исполнителем." }));

    await admin.send("/admin");
    await admin.press(shown("ru", "staff.admin.staff"));
    await admin.press(/^Нұрлан Сейітов/);
    await admin.press(shown("ru", "staff.admin.deactivate"));
    await admin.waitForBot(shown("ru", "staff.admin.deactivated", { count: 1, numbers: number }));
    expect((await stateOf(appealId)).holderUserId).toBeNull();
    await registrar.waitForBot(number);

    // The executor's old button now says their access has ended, and changes nothing.
    await newcomer.press(shown("kk", "staff.card.draft"));
    await newcomer.waitFor((v) => v.toasts.some((t) => t.text === shown("kk", "errors.staff_deactivated")));
    expect((await newcomer.commands()).map((c) => c.command)).not.toContain("appeals");
    // Changing the language afterwards gives the citizens' menu in it, not the old staff one.
    await newcomer.send("/language");
    await newcomer.press("Русский");
    await newcomer.waitFor((v) => v.toasts.some((t) => t.text === shown("ru", "language.changed")));
    expect((await newcomer.commands()).map((c) => c.command)).toEqual(["start", "profile", "language", "help", "cancel"]);
  });

  it("refuses the admin menu to a registrar and a citizen, and keeps appeal texts from the administrator", async () => {
    await h.user(REGISTRAR).send("/admin");
    await h.user(REGISTRAR).waitForBot(shown("ru", "errors.forbidden"));
    await h.user(CITIZEN).send("/admin");
    await h.user(CITIZEN).waitForBot(shown("ru", "errors.forbidden"));
    const { number } = await registerAppeal(h.app().core, owner, { draftId: randomUUID(), type: "request", text: "Текст, который администратор не видит.", language: "ru", replyChannel: "chat" });
    await h.user(ADMIN).send(`/find ${number}`);
    await h.user(ADMIN).waitForBot(shown("ru", "errors.forbidden"));
  });
});
