import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAppeal } from "../../core/appeals/register.js";
import type { Actor } from "../../core/shared/roles.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { addUnit } from "../../core/staff/units.js";
import { appeals, outbox, users } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { shown } from "../support/texts.js";

const CITIZEN = 962001;
const REGISTRAR = 962101;
const REVIEWER = 962102;
const HEAD = 962103;

let h: Harness;
let owner: Actor;
let reviewer: Actor;
beforeAll(async () => {
  h = await startHarness([citizen(CITIZEN, "kk"), citizen(REGISTRAR, "ru"), citizen(REVIEWER, "kk"), citizen(HEAD, "kk")]);
  const core = h.app().core;
  owner = await signedUpCitizen(core, CITIZEN);
  await staffMember(core, REGISTRAR, "registrar");
  reviewer = await staffMember(core, REVIEWER, "reviewer");
  await staffMember(core, HEAD, "head");
  await core.db.update(users).set({ fullName: "Ерлан Жұмабеков" }).where(eq(users.id, reviewer.userId));
  await addUnit(core, CONSOLE_OPERATOR, { code: "prosecutor_general", kind: "external_body", nameKk: "Бас прокуратура", nameRu: "Генеральная прокуратура & «Надзор»" });
  await addUnit(core, CONSOLE_OPERATOR, { code: "personnel", kind: "ja_unit", nameKk: "Кадр қызметі", nameRu: "Кадровая служба" });
});
afterAll(() => h.dispose());

const register = (text: string) =>
  registerAppeal(h.app().core, owner, { draftId: randomUUID(), type: "complaint", text, language: "kk", replyChannel: "chat" });

const stateOf = async (appealId: number) => {
  const [row] = await h.app().core.db.select({ state: appeals.state, holder: appeals.holderUserId, category: appeals.category }).from(appeals).where(eq(appeals.id, appealId));
  return row!;
};

describe(`the registrar's queue of new appeals in chat on ${dbKind}`, () => {
  it("classifies and assigns to a reviewer, forwards the next to a state body with a reason, and refuses an old button", async () => {
    const first = await register("Сот отырысы үш рет кейінге қалдырылды, себебін түсіндіріңіз.");
    const second = await register("Прокурордың шешіміне шағым беремін.");
    const registrar = h.user(REGISTRAR);

    await registrar.send("/queue");
    const item = await registrar.waitForBot(first.number);
    expect(item.text).toContain("Сот отырысы үш рет");
    await registrar.press(shown("ru", "appeal.category.court_proceedings"));
    await registrar.press(shown("ru", "staff.registry.assign"));
    const reviewers = await registrar.waitForBot(shown("ru", "staff.registry.choose_reviewer", { number: first.number }));
    const assign = reviewers.inline_keyboard!.flat().find((b) => b.text === "Ерлан Жұмабеков (0)")!;
    await registrar.pressData(reviewers.message_id, assign.callback_data!);
    await registrar.waitForBot(shown("ru", "staff.registry.classified", { number: first.number, category: shown("ru", "appeal.category.court_proceedings"), name: "Ерлан Жұмабеков" }));
    expect(await stateOf(first.appealId)).toEqual({ state: "in_review", holder: reviewer.userId, category: "court_proceedings" });

    // Straight on to the next new appeal.
    await registrar.waitForBot(second.number);
    await registrar.press(shown("ru", "appeal.category.state_bodies"));
    await registrar.press(shown("ru", "staff.registry.to_body"));
    await registrar.press("Генеральная прокуратура & «Надзор»");
    await registrar.waitForBot(shown("ru", "staff.registry.ask_body_reason", { number: second.number, body: "Генеральная прокуратура & «Надзор»" }));
    await registrar.send("Прокурордың шешімдеріне шағымдарды прокуратура қарайды.");
    await registrar.waitForBot(shown("ru", "staff.registry.empty"));
    // The category chosen at the preliminary review is kept even though no reviewer was assigned.
    expect(await stateOf(second.appealId)).toMatchObject({ state: "forwarded_external", category: "state_bodies" });
    const notices = (await h.app().core.db.select().from(outbox)).filter((o) => o.chatId === CITIZEN && (o.payload as { key: string }).key === "appeal.notice.forwarded_external");
    expect(notices).toHaveLength(1);
    expect((notices[0]!.payload as { params: { body: string; reason: string } }).params).toMatchObject({
      body: "Бас прокуратура",
      reason: "Прокурордың шешімдеріне шағымдарды прокуратура қарайды.",
    });

    // A second tap on the old reviewer button is refused by the core and changes nothing.
    await registrar.pressData(reviewers.message_id, assign.callback_data!);
    await registrar.waitFor((v) => v.toasts.some((t) => t.text === shown("ru", "errors.appeal_wrong_state")));
    expect(await stateOf(first.appealId)).toEqual({ state: "in_review", holder: reviewer.userId, category: "court_proceedings" });
  });

  it("leaves an appeal without review by a reasoned decision the Head signs, and the citizen gets the decision", async () => {
    const { appealId, number } = await register("Қол қойылмаған, мекенжайы жоқ хат.");
    const registrar = h.user(REGISTRAR);
    await registrar.send("/queue");
    await registrar.waitForBot(number);
    await registrar.press(shown("ru", "appeal.category.general"));
    await registrar.press(shown("ru", "staff.registry.leave"));
    await registrar.waitForBot(shown("ru", "staff.registry.ask_leave_reason", { number }));
    await registrar.send("Өтініште өтініш берушінің тегі мен мекенжайы көрсетілмеген (ӘПРК 89-бабы).");
    await registrar.waitForBot(shown("ru", "staff.registry.left", { number }));
    expect(await stateOf(appealId)).toMatchObject({ state: "awaiting_approval", category: "general" });

    const head = h.user(HEAD);
    await head.send("/approvals");
    await head.waitForBot(number);
    await head.press(shown("kk", "staff.approval.approve"));
    await head.waitForBot(/ЖБ-2026-\d{6}/);
    await h.user(CITIZEN).waitForBot(shown("kk", "appeal.notice.left_without_review", { number, reason: "Өтініште өтініш берушінің тегі мен мекенжайы көрсетілмеген (ӘПРК 89-бабы)." }));
    expect(await stateOf(appealId)).toMatchObject({ state: "left_without_review" });
  });

  it("keeps a ДСП appeal from a registrar without clearance, even through a forged button", async () => {
    const open = await register("Ашық өтініш.");
    const { appealId, number } = await register("Қызмет бабында пайдалануға арналған хабарлама.");
    await h.app().core.db.update(appeals).set({ restricted: true }).where(eq(appeals.id, appealId));
    const registrar = h.user(REGISTRAR);
    await registrar.send(`/find ${number}`);
    await registrar.waitForBot(shown("ru", "staff.search.none", { query: number }));
    await registrar.send("/appeals");
    const list = await registrar.waitForBot(open.number);
    expect(list.text).not.toContain(number);
    await registrar.pressData(list.message_id, `sc2:open:${appealId}`);
    await registrar.waitFor((v) => v.toasts.some((t) => t.text === shown("ru", "errors.clearance_required")));
  });

  it("keeps the item's place in the queue, \"(1 of N)\", while the registrar chooses its category and opens a list", async () => {
    for (const text of ["Бірінші өтініш.", "Екінші өтініш.", "Үшінші өтініш."]) await register(text);
    const waiting = await h.app().core.db
      .select({ number: appeals.number })
      .from(appeals)
      .where(and(eq(appeals.state, "registered"), eq(appeals.restricted, false)))
      .orderBy(asc(appeals.receivedAt), asc(appeals.id));
    expect(waiting.length).toBeGreaterThanOrEqual(3);
    const counter = `(1 из ${waiting.length})`;
    const registrar = h.user(REGISTRAR);
    await registrar.send("/queue");
    expect((await registrar.waitForBot(shown("ru", "staff.registry.choose_category"))).text).toContain(counter);
    await registrar.press(shown("ru", "appeal.category.general"));
    const chosen = await registrar.waitForBot(shown("ru", "staff.registry.category_chosen", { category: shown("ru", "appeal.category.general") }));
    expect(chosen.text).toContain(counter);
    await registrar.press(shown("ru", "staff.registry.assign"));
    const list = await registrar.waitForBot(shown("ru", "staff.registry.choose_reviewer", { number: waiting[0]!.number }));
    expect(list.text).toContain(counter);
  });

  it("refuses the queue to a citizen", async () => {
    await register("Азаматтың өтініші.");
    const person = h.user(CITIZEN);
    await person.send("/queue");
    await person.waitForBot(shown("kk", "errors.forbidden"));
  });
});
