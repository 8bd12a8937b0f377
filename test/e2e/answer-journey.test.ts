import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { myAppeal } from "../../core/appeals/citizen-view.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { registerAppeal } from "../../core/appeals/register.js";
import { addMonths } from "../../core/calendar/dates.js";
import type { Actor } from "../../core/shared/roles.js";
import { periodOfDays, setActingHead } from "../../core/staff/delegations.js";
import { appeals, users } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { pdfText, skipPdfText } from "../support/pdf-text.js";
import type { ChatMessage } from "../support/sandbox-user.js";
import { shown } from "../support/texts.js";

const CITIZEN = 963001;
const REGISTRAR = 963101;
const REVIEWER = 963102;
const HEAD = 963103;
const DEPUTY = 963104;

let h: Harness;
let owner: Actor;
let head: Actor;
let deputy: Actor;
beforeAll(async () => {
  h = await startHarness([citizen(CITIZEN, "kk"), citizen(REGISTRAR, "ru"), citizen(REVIEWER, "kk"), citizen(HEAD, "kk"), citizen(DEPUTY, "ru")]);
  const core = h.app().core;
  owner = await signedUpCitizen(core, CITIZEN);
  await staffMember(core, REGISTRAR, "registrar");
  const reviewer = await staffMember(core, REVIEWER, "reviewer");
  head = await staffMember(core, HEAD, "head");
  deputy = await staffMember(core, DEPUTY, "deputy");
  await core.db.update(users).set({ fullName: "Ерлан Жұмабеков" }).where(eq(users.id, reviewer.userId));
  await core.db.update(users).set({ fullName: "Омарова Асель" }).where(eq(users.id, deputy.userId));
});
afterAll(() => h.dispose());

const isBotPdf = (m: ChatMessage) => m.from === "bot" && m.document?.mime_type === "application/pdf";
const hasButton = (m: ChatMessage, label: string) => m.from === "bot" && (m.inline_keyboard ?? []).flat().some((b) => b.text === label);
const KAZAKH_LETTERS = "Әділет, ғимарат, қала, оң, өтініш, ұлттық, үкімет, Һ, іс";

describe(`an answer from the registrar's queue to the citizen's letter, in chat, on ${dbKind}`, () => {
  it("registrar classifies → reviewer drafts from a template → Head returns → reviewer fixes → acting deputy approves → citizen gets the letter", async () => {
    const core = h.app().core;
    const { appealId, number } = await registerAppeal(core, owner, { draftId: randomUUID(), type: "request", text: "Сот шешімінің көшірмесін қалай алуға болады?", language: "kk", replyChannel: "chat" });

    const registrar = h.user(REGISTRAR);
    await registrar.send("/queue");
    await registrar.waitForBot(number);
    await registrar.press(shown("ru", "appeal.category.court_proceedings"));
    await registrar.press(shown("ru", "staff.registry.assign"));
    await registrar.press("Ерлан Жұмабеков (0)");
    await registrar.waitForBot(shown("ru", "staff.registry.empty"));

    // The reviewer opens the appeal from the list and drafts from the category's template.
    const reviewer = h.user(REVIEWER);
    await reviewer.send("/appeals");
    await reviewer.press(number);
    await reviewer.waitForBot("Сот шешімінің көшірмесін");
    await reviewer.press(shown("kk", "staff.card.draft"));
    const templates = await reviewer.waitForBot(shown("kk", "staff.draft.start", { number, language: shown("kk", "appeal.language.kk") }));
    await reviewer.press("Сот ісін қарау мәселесі бойынша");
    // The template is shown once: with the outcome question, as the text to copy and edit.
    const asked = await reviewer.waitFor((v) => v.messages.some((m) => hasButton(m, shown("kk", "appeal.outcome.explained"))));
    const withTemplate = asked.messages.filter((m) => m.message_id > templates.message_id && m.text.includes("Құрметті Серікқызы Айгерім!"));
    expect(withTemplate).toHaveLength(1);
    expect(hasButton(withTemplate[0]!, shown("kk", "appeal.outcome.explained"))).toBe(true);
    await reviewer.press(shown("kk", "appeal.outcome.explained"));
    await reviewer.waitFor((v) => v.messages.some(isBotPdf));
    // The bare template is held back once, with a pop-up asking to edit it; tapping again sends it as it is.
    await reviewer.press(shown("kk", "staff.draft.submit"));
    await reviewer.waitFor((v) => v.toasts.some((t) => t.text === shown("kk", "staff.draft.untouched_template")));
    expect((await myAppeal(core, owner, { appealId })).appeal.state).toBe("in_review");
    await reviewer.press(shown("kk", "staff.draft.submit"));
    await reviewer.waitForBot(shown("kk", "staff.draft.submitted", { number }));

    // The Head returns it with a quick reason; the reviewer is told why.
    const headChat = h.user(HEAD);
    await headChat.send("/approvals");
    await headChat.waitForBot(number);
    await headChat.press(shown("kk", "staff.approval.return"));
    await headChat.press(shown("kk", "staff.approval.quick.q1"));
    await headChat.waitForBot(shown("kk", "staff.approval.empty"));
    await reviewer.waitForBot(shown("kk", "staff.notice.draft_returned", { number, comment: shown("kk", "staff.approval.quick.q1") }));

    // The Head goes away; the deputy acts. The reviewer types the fixed text.
    await setActingHead(core, head, { deputyUserId: deputy.userId, ...periodOfDays("2026-03-02", "2026-03-13") });
    await reviewer.send("/appeals");
    await reviewer.press(number);
    await reviewer.waitForBot(shown("kk", "staff.card.returned", { comment: shown("kk", "staff.approval.quick.q1") }));
    await reviewer.press(shown("kk", "staff.card.draft"));
    await reviewer.waitForBot(shown("kk", "staff.draft.start", { number, language: shown("kk", "appeal.language.kk") }));
    await reviewer.send(`АПК 76-бабына сәйкес көшірмені сот кеңсесінен алуға болады. ${KAZAKH_LETTERS}.`);
    await reviewer.press(shown("kk", "appeal.outcome.explained"));
    await reviewer.press(shown("kk", "staff.draft.submit"));
    await reviewer.waitForBot(shown("kk", "staff.draft.submitted", { number }));

    const deputyChat = h.user(DEPUTY);
    // Staff notices go out in the language the person chose; this deputy has not chosen one, so Kazakh.
    await deputyChat.waitForBot(shown("kk", "staff.notice.draft_submitted", { number }));
    await deputyChat.send("/approvals");
    await deputyChat.waitForBot("АПК 76-бабына");
    await deputyChat.press(shown("ru", "staff.approval.approve"));
    await deputyChat.waitForBot(/ЖБ-2026-\d{6}/);

    const chat = await h.user(CITIZEN).waitFor((v) => v.messages.some(isBotPdf));
    expect((await myAppeal(core, owner, { appealId })).appeal.state).toBe("answered");
    if (skipPdfText) return;
    const letter = chat.messages.find(isBotPdf)!;
    const pdf = Buffer.from(await (await fetch(new URL(letter.document!.url, h.emulatorUrl))).arrayBuffer());
    const text = pdfText(pdf).replace(/\s+/g, " ");
    expect(text).toContain(KAZAKH_LETTERS);
    expect(text).toContain("Омарова Асель");
  });

  it("sends a template the reviewer edited for signature at the first tap", async () => {
    const core = h.app().core;
    const { appealId, number } = await registerAppeal(core, owner, { draftId: randomUUID(), type: "request", text: "Ісім қашан қаралады?", language: "kk", replyChannel: "chat" });
    const reviewerActor = await staffMember(core, REVIEWER, "reviewer");
    await classifyAppeal(core, await staffMember(core, REGISTRAR, "registrar"), { appealId, category: "court_proceedings", holderUserId: reviewerActor.userId });
    const reviewer = h.user(REVIEWER);
    await reviewer.send("/appeals");
    await reviewer.press(number);
    // The card of this appeal, not the older one above it.
    const card = await reviewer.waitForBot("Ісім қашан қаралады?");
    await reviewer.press(shown("kk", "staff.card.draft"), { messageId: card.message_id });
    await reviewer.waitForBot(shown("kk", "staff.draft.start", { number, language: shown("kk", "appeal.language.kk") }));
    await reviewer.press("Сот ісін қарау мәселесі бойынша");
    await reviewer.waitForBot("Құрметті Серікқызы Айгерім!");
    await reviewer.send("Құрметті Серікқызы Айгерім! Ісіңіз 20 наурызда қаралады.");
    await reviewer.press(shown("kk", "appeal.outcome.explained"));
    await reviewer.waitForBot(shown("kk", "staff.draft.confirm", { outcome: shown("kk", "appeal.outcome.explained") }));
    await reviewer.press(shown("kk", "staff.draft.submit"));
    await reviewer.waitForBot(shown("kk", "staff.draft.submitted", { number }));
    expect((await myAppeal(core, owner, { appealId })).appeal.state).toBe("awaiting_approval");
  });

  it("extends a deadline: the reviewer asks with a reason and a date, the Head grants it, the citizen is told the new date", async () => {
    const core = h.app().core;
    const { appealId, number } = await registerAppeal(core, owner, { draftId: randomUUID(), type: "complaint", text: "Судьяның әрекетіне шағым.", language: "kk", replyChannel: "chat" });
    const registrar = h.user(REGISTRAR);
    await registrar.send("/queue");
    await registrar.waitForBot(number);
    await registrar.press(shown("ru", "appeal.category.judge_conduct"));
    await registrar.press(shown("ru", "staff.registry.assign"));
    await registrar.press(/Ерлан Жұмабеков/);
    await registrar.waitForBot(shown("ru", "staff.registry.empty"));
    const [appeal] = await core.db.select().from(appeals).where(eq(appeals.id, appealId));

    const reviewer = h.user(REVIEWER);
    await reviewer.send(`/find ${number}`);
    await reviewer.press(number);
    await reviewer.waitForBot("Судьяның әрекетіне шағым.");
    await reviewer.press(shown("kk", "staff.card.extend"));
    await reviewer.waitForBot(shown("kk", "staff.extension.ask_reason", { number }));
    await reviewer.send("Іс материалдарын соттан сұрату қажет.");
    await reviewer.send("31.12.2026");
    // Beyond two months after registration: refused with the latest allowed date, nothing changed.
    await reviewer.waitForBot(shown("kk", "errors.extension_too_long", { latest: addMonths(appeal!.registeredOn, 2) }));
    expect((await core.db.select().from(appeals).where(eq(appeals.id, appealId)))[0]!.dueOn).toBe(appeal!.dueOn);
    await reviewer.send("14.04.2026");
    await reviewer.waitForBot(shown("kk", "staff.extension.requested", { number, due: "14.04.2026" }));

    const headChat = h.user(HEAD);
    await headChat.send("/extensions");
    await headChat.waitForBot("Іс материалдарын соттан сұрату қажет.");
    await headChat.press(shown("kk", "staff.extension.grant"));
    await headChat.waitForBot(shown("kk", "staff.extension.none"));
    await h.user(CITIZEN).waitForBot(shown("kk", "appeal.notice.extended", { number, due: "2026-04-14", reason: "Іс материалдарын соттан сұрату қажет." }));
    await reviewer.waitForBot(shown("kk", "staff.notice.extension_granted", { number, due: "2026-04-14" }));
  });
});
