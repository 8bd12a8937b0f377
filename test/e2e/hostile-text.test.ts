import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitDraft } from "../../core/appeals/answer.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { forwardExternal } from "../../core/appeals/forward.js";
import { registerAppeal } from "../../core/appeals/register.js";
import { recordControlDocument } from "../../core/control/record.js";
import { assignRoles, identify, setLanguage } from "../../core/people/users.js";
import { addOfficial } from "../../core/reception/officials.js";
import { setWeeklyHours } from "../../core/reception/schedule.js";
import type { Actor } from "../../core/shared/roles.js";
import { appeals } from "../../db/schema/index.js";
import { staffIn, unitId } from "../control/fixtures.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, OPERATOR_BIN, startHarness, type Harness } from "../support/harness.js";
import type { ChatMessage, ChatView, SandboxUser } from "../support/sandbox-user.js";
import { shown } from "../support/texts.js";

const CITIZEN = 975001;
const COMPANY = 975002;
const REGISTRAR = 975101;
const REVIEWER = 975102;
const HEAD = 975103;
const RECEPTION = 975104;
const EXECUTOR = 975105;

/** Markup, entities, an e-mail in angle brackets, direction and zero-width marks, emoji, template syntax. */
const HOSTILE =
  'Шағым <b>жуан</b> <a href="http://x">x</a> </pre> &amp; &lt; &nbsp; &#x1F600; & жалаң <name@mail.kz> \u202Eкері\u202C нөл\u200Bені\u200D 😀👍🏽 "тырнақ" \'апостроф\' $t(errors.internal) {{text}}';
const ADDRESS = '010000, Астана, <Мәңгілік Ел> & "8", пәтер №5 </b>';
const SUPPLEMENT = "Қосымша: <i>курсив</i> & <script>alert(1)</script> &#x1F600;";
const COMMENT = "Қайта жазыңыз: <u>сілтеме</u> <a href='http://x'>мұнда</a> & &lt;";
const MATTER = "Сот орындаушысы <b>әрекетсіз</b> & <name@mail.kz> жауап бермейді";
const CONTROL_TEXT = "Ақпарат ұсынылсын: <pre>кесте</pre> & </code> 😀";
const ORGANIZATION = 'ТОО «Рога & Копыта» <info@rk.kz> "Бас"';
const NAME = "Д'Арк-Әлі О'Брайен";
/** 10,000 characters of specials with no space to break on: every cut falls among them. */
const LONG = '<&>"\'😀\u202E\u200B$t(x)'.repeat(10_000).slice(0, 10_000);

let h: Harness;
let owner: Actor;
let company: Actor;
let registrar: Actor;
let reviewer: Actor;
let executor: Actor;
let hostile: { appealId: number; number: string };
let long: { appealId: number; number: string };

beforeAll(async () => {
  h = await startHarness([
    citizen(CITIZEN, "kk"),
    citizen(COMPANY, "kk"),
    citizen(REGISTRAR, "kk"),
    citizen(REVIEWER, "kk"),
    citizen(HEAD, "kk"),
    { ...citizen(RECEPTION, "ru"), demoRole: "reception" },
    citizen(EXECUTOR, "kk"),
  ]);
  const core = h.app().core;
  owner = await signedUpCitizen(core, CITIZEN, { fullName: NAME });
  company = await signedUpCitizen(core, COMPANY, { kind: "legal", iin: null, bin: OPERATOR_BIN, organization: ORGANIZATION });
  registrar = await staffMember(core, REGISTRAR, "registrar");
  reviewer = await staffIn(core, REVIEWER, "reviewer", "Ерлан О'Нұр", null);
  await staffMember(core, HEAD, "head");
  executor = await staffIn(core, EXECUTOR, "executor", "Сейітов Нұрлан", await unitId(core, "judicial_administration"));
  await assignRoles(core, [{ telegramId: RECEPTION, role: "reception", fullName: "Ахметова Гульнара" }]);
  const reception = await setLanguage(core, core.db, await identify(core, { telegramId: RECEPTION }), "ru");
  const official = await addOfficial(core, reception, {
    nameKk: "Әлиев Марат",
    nameRu: "Алиев Марат",
    titleKk: "Басшының орынбасары",
    titleRu: "Заместитель руководителя",
    placeKk: "Астана, 312-бөлме",
    placeRu: "Астана, кабинет 312",
    bookingWindowDays: 30,
    minNoticeHours: 24,
    directBooking: false,
  });
  await setWeeklyHours(core, reception, { officialId: official.id, hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, starts: "10:00", ends: "12:00", slotMinutes: 30 })) });
});
afterAll(() => h.dispose());

/** `text` is shown as typed: its characters are in the message, and none of it became a tag. */
function literally(message: ChatMessage, text: string): void {
  expect(message.text).toContain(text);
  const at = message.text.indexOf(text);
  const inside = message.entities.filter((e) => e.offset < at + text.length && e.offset + e.length > at);
  expect(inside.every((e) => e.offset < at || e.offset + e.length > at + text.length)).toBe(true);
}

/** Nobody got the generic failure instead of a screen. */
async function noFailure(user: SandboxUser, language: "kk" | "ru" = "kk"): Promise<void> {
  const failure = shown(language, "errors.internal");
  expect((await user.messages()).filter((m) => m.from === "bot" && m.text.includes(failure))).toEqual([]);
}

describe(`a citizen's hostile text on every screen that shows it, on ${dbKind}`, () => {
  it("reaches the citizen as typed: intake summary, receipt, my appeals, the appeal, a supplement, the profile", async () => {
    const u = h.user(CITIZEN);
    await u.send("/start");
    await u.press(shown("kk", "menu.submit_appeal"));
    await u.press(shown("kk", "appeal.type.complaint"));
    await u.waitForBot(shown("kk", "appeal.intake.ask_text", { max: "10 000" }).slice(0, 20));
    await u.send(HOSTILE);
    await u.press(shown("kk", "appeal.intake.files_skip"));
    await u.press(shown("kk", "appeal.language.kk"));
    await u.press(shown("kk", "appeal.intake.channel_post"));
    await u.waitForBot(shown("kk", "appeal.intake.ask_address"));
    await u.send(ADDRESS);
    const summary = await u.waitForBot(shown("kk", "appeal.intake.confirm").slice(2));
    literally(summary, HOSTILE);
    literally(summary, ADDRESS);
    await u.press(shown("kk", "appeal.intake.confirm"));
    const receipt = await u.waitForBot(/ЖТ-2026-\d{6}/);
    const number = /ЖТ-2026-\d{6}/.exec(receipt.text)![0];

    await u.send("/start");
    await u.press(shown("kk", "menu.my_appeals"));
    await u.waitForBot(number);
    await u.press(number);
    const detail = await u.waitForBot(shown("kk", "appeal.detail.history"));
    literally(detail, HOSTILE);

    await u.press(shown("kk", "appeal.supplement.button"));
    await u.waitForBot(shown("kk", "appeal.supplement.ask", { number, max_files: 10, max_chars: "10 000", chars: 0, files: 0 }).slice(0, 20));
    await u.send(SUPPLEMENT);
    await u.waitForBot(shown("kk", "appeal.supplement.text_added"));
    await u.press(shown("kk", "appeal.supplement.send"));
    await u.waitFor((v) => v.toasts.some((t) => t.text === shown("kk", "appeal.supplement.sent", { number })));

    await u.send("/profile");
    literally(await u.waitForBot(shown("kk", "profile.title")), NAME);
    const c = h.user(COMPANY);
    await c.send("/profile");
    literally(await c.waitForBot(shown("kk", "profile.title")), ORGANIZATION);
    await noFailure(u);
    await noFailure(c);
    const [row] = await h.app().core.db.select({ appealId: appeals.id }).from(appeals).where(eq(appeals.number, number));
    hostile = { appealId: row!.appealId, number };
  });

  it("reaches staff as typed: the registry queue, the reviewer's list, card and history, search results", async () => {
    long = await registerAppeal(h.app().core, owner, { draftId: randomUUID(), type: "request", text: LONG, language: "kk", replyChannel: "chat" });
    const reg = h.user(REGISTRAR);
    await reg.send("/queue");
    // Notices about the same appeal may arrive meanwhile: the screen is the message holding the text.
    literally(await reg.waitForBot(HOSTILE), HOSTILE);
    await reg.press(shown("kk", "appeal.category.court_proceedings"));
    literally(await reg.waitForBot(shown("kk", "staff.registry.category_chosen", { category: shown("kk", "appeal.category.court_proceedings") })), HOSTILE);
    await reg.press(shown("kk", "staff.registry.assign"));
    await reg.press("Ерлан О'Нұр (0)");
    await reg.waitForBot(shown("kk", "staff.registry.classified", { number: hostile.number, category: shown("kk", "appeal.category.court_proceedings"), name: "Ерлан О'Нұр" }));
    // Straight on to the next: 10,000 characters of specials, shown from their start.
    literally(await reg.waitForBot(LONG.slice(0, 2000)), LONG.slice(0, 2000));
    await classifyAppeal(h.app().core, registrar, { appealId: long.appealId, category: "court_proceedings", holderUserId: reviewer.userId });

    const rev = h.user(REVIEWER);
    await rev.send("/appeals");
    await rev.waitForBot(shown("kk", "staff.appeals.title"));
    await rev.press(hostile.number);
    const card = await rev.waitForBot(shown("kk", "staff.card.head", { number: hostile.number, state: shown("kk", "appeal.state.in_review") }));
    literally(card, HOSTILE);
    literally(card, ADDRESS);
    literally(card, NAME);
    await rev.press(shown("kk", "staff.card.history"));
    await rev.waitForBot(shown("kk", "staff.card.history_title", { number: hostile.number }));

    await rev.send("/find <b>жуан</b>");
    const found = await rev.waitForBot(shown("kk", "staff.search.title", { query: "<b>жуан</b>" }));
    expect(found.text).toContain(hostile.number);
    literally(found, "<b>жуан</b>");
    await rev.send("/find </pre> & <nobody@mail.kz>");
    literally(await rev.waitForBot(shown("kk", "staff.search.none", { query: "</pre> & <nobody@mail.kz>" })), "</pre> & <nobody@mail.kz>");
    await noFailure(reg);
    await noFailure(rev);
  });

  it("reaches the Head as typed: the draft and its letter, a typed return comment; the citizen gets a 10,000-character answer whole", async () => {
    const core = h.app().core;
    await submitDraft(core, reviewer, { appealId: hostile.appealId, text: `Жоба: ${HOSTILE}`, outcome: "explained" });
    const head = h.user(HEAD);
    await head.send("/approvals");
    const item = await head.waitForBot(HOSTILE);
    literally(item, HOSTILE);
    expect((await head.messages()).some((m) => m.from === "bot" && m.document?.mime_type === "application/pdf")).toBe(true);
    await head.press(shown("kk", "staff.approval.return"));
    await head.waitForBot(shown("kk", "staff.approval.ask_comment", { number: hostile.number }));
    await head.send(COMMENT);
    literally(await head.waitForBot(shown("kk", "staff.approval.returned", { number: hostile.number, comment: COMMENT })), COMMENT);

    const rev = h.user(REVIEWER);
    await rev.send("/appeals");
    await rev.waitForBot(shown("kk", "staff.appeals.title"));
    await rev.press(hostile.number);
    literally(await rev.waitForBot(shown("kk", "staff.card.returned", { comment: COMMENT })), COMMENT);
    await rev.press(shown("kk", "staff.card.history"));
    literally(await rev.waitForBot(shown("kk", "staff.card.history_title", { number: hostile.number })), COMMENT);

    await submitDraft(core, reviewer, { appealId: long.appealId, text: LONG, outcome: "explained" });
    await head.send("/approvals");
    literally(await head.waitForBot(LONG.slice(0, 2000)), LONG.slice(0, 2000));
    await head.press(shown("kk", "staff.approval.approve"));
    await head.waitForBot(/ЖБ-2026-\d{6}/);

    // The answer arrives in as many messages as it takes, and together they hold every character.
    const u = h.user(CITIZEN);
    const answer = (view: ChatView) => {
      const texts = view.messages.filter((m) => m.from === "bot" && m.kind === "text");
      return texts.slice(texts.findIndex((m) => m.text.includes(long.number) && m.text.includes(LONG.slice(0, 50)))).map((m) => m.text).join("");
    };
    const view = await u.waitFor((v) => answer(v).includes(LONG), 15_000);
    expect(view.messages.filter((m) => m.from === "bot" && m.text.includes(LONG.slice(0, 50))).length).toBeGreaterThan(1);
    await noFailure(head);
    await noFailure(u);
  });

  it("reaches the registry's by-post list, the reception desk and an executor's control item as typed", async () => {
    const core = h.app().core;
    h.sandbox.faults.inject({ fault: { kind: "blocked" }, chatId: COMPANY });
    const posted = await registerAppeal(core, company, { draftId: randomUUID(), type: "complaint", text: HOSTILE, language: "kk", replyChannel: "post", postalAddress: ADDRESS });
    await forwardExternal(core, registrar, { appealId: posted.appealId, body: "Бас прокуратура <ГП>", reason: COMMENT });
    const reg = h.user(REGISTRAR);
    await reg.waitForBot(shown("kk", "staff.notice.by_post_added", { number: posted.number }));
    await reg.send("/by_post");
    const list = await reg.waitForBot(shown("kk", "staff.by_post.title", { count: 1 }));
    literally(list, ADDRESS);
    expect(list.text).toContain(posted.number);

    const u = h.user(CITIZEN);
    await u.send("/start");
    await u.press(shown("kk", "menu.reception"));
    await u.press(shown("kk", "reception.my.book"));
    await u.press("Әлиев Марат");
    await u.waitForBot(shown("kk", "reception.book.ask_matter", { official: "Әлиев Марат" }).slice(0, 40));
    await u.send(MATTER);
    await u.press(shown("kk", "reception.book.no_link"));
    literally(await u.waitForBot(shown("kk", "reception.book.summary", { official: "Әлиев Марат", matter: MATTER })), MATTER);
    await u.press("04.03.2026 10:00");
    await u.waitForBot(shown("kk", "reception.book.requested"));
    const desk = h.user(RECEPTION);
    await desk.send("/reception");
    const request = await desk.waitForBot(MATTER);
    literally(request, MATTER);
    literally(request, NAME);

    const recorded = await recordControlDocument(core, registrar, {
      source: "sc_chairman",
      sourceNumber: "5-12/<88> & \"x\"",
      sourceDate: "2026-02-27",
      text: CONTROL_TEXT,
      executorUserIds: [executor.userId],
      dueOn: "2026-03-06",
    });
    const ex = h.user(EXECUTOR);
    await ex.send("/control");
    await ex.waitForBot(shown("kk", "control.my.title"));
    await ex.press(shown("kk", "control.button.open", { number: recorded.number, due: "06.03.2026" }));
    const controlItem = await ex.waitForBot(CONTROL_TEXT);
    literally(controlItem, CONTROL_TEXT);
    literally(controlItem, '5-12/<88> & "x"');
    await noFailure(reg);
    await noFailure(u);
    await noFailure(desk, "ru");
    await noFailure(ex);
  });
});
