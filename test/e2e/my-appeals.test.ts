import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveDraft, pendingDraft, submitDraft } from "../../core/appeals/answer.js";
import { withdrawAppeal } from "../../core/appeals/citizen-actions.js";
import { listMyAppeals, myAppeal } from "../../core/appeals/citizen-view.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { eventsOf } from "../../core/appeals/events.js";
import { forwardInternal } from "../../core/appeals/forward.js";
import { currentIntake } from "../../core/appeals/intake.js";
import { registerAppeal } from "../../core/appeals/register.js";
import { currentSupplement } from "../../core/appeals/supplement-flow.js";
import { activeFlows } from "../../core/flows/active.js";
import { identify } from "../../core/people/users.js";
import type { Actor } from "../../core/shared/roles.js";
import { outbox } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { signUp } from "../support/journeys.js";
import type { ChatMessage, SandboxUser } from "../support/sandbox-user.js";
import { shown } from "../support/texts.js";

const REGISTRAR = 959001;
const HEAD = 959002;

let h: Harness;
let registrar: Actor;
let head: Actor;
beforeAll(async () => {
  const people = [950001, 950002, 950003, 950004, 950005, 950006, 950007, 950008, 950009, 950010];
  h = await startHarness([
    ...people.map((id) => citizen(id, id % 2 === 0 ? "kk" : "ru")),
    { ...citizen(REGISTRAR, "ru"), demoRole: "registrar" },
    { ...citizen(HEAD, "kk"), demoRole: "head" },
  ]);
  registrar = await staffMember(h.app().core, REGISTRAR, "registrar");
  head = await staffMember(h.app().core, HEAD, "head");
});
afterAll(() => h.dispose());

const TEXT = "Прошу разъяснить порядок получения копии решения суда по гражданскому делу № 2-123/2026.";
const ANSWER = "Копию решения можно получить в канцелярии суда, подав заявление.";
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

const core = () => h.app().core;
const labels = (m: ChatMessage) => (m.inline_keyboard ?? []).flat().map((b) => b.text);
const dataOf = (m: ChatMessage, label: string) => m.inline_keyboard!.flat().find((b) => b.text === label)!.callback_data!;
const toast = (u: SandboxUser, text: string) => u.waitFor((v) => v.toasts.some((t) => t.text === text));

function register(actor: Actor, language: "kk" | "ru" = "ru", text = TEXT) {
  return registerAppeal(core(), actor, { draftId: randomUUID(), type: "application", text, language, replyChannel: "chat" });
}

/** An appeal taken through review to an approved answer. */
async function answered(actor: Actor, answer = ANSWER) {
  const receipt = await register(actor);
  await classifyAppeal(core(), registrar, { appealId: receipt.appealId, category: "general" });
  await submitDraft(core(), registrar, { appealId: receipt.appealId, text: answer, outcome: "explained" });
  await approveDraft(core(), head, { appealId: receipt.appealId, answerId: (await pendingDraft(core().db, receipt.appealId))!.id });
  return receipt;
}

/** The dates as the bot writes them: the harness clock stands at Monday 2 March 2026, 09:00 in Almaty. */
const RECEIVED = "02.03.2026 09:00";
const DUE = "27.03.2026";

function historyLine(lang: "kk" | "ru", key: string, params: Record<string, string | number> = {}, at = RECEIVED) {
  return shown(lang, "appeal.history.line", { at, what: shown(lang, `appeal.history.${key}`, params) });
}

describe(`"My appeals" through the Bot API on ${dbKind}`, () => {
  it("lists the citizen's appeals newest first, five a page, paging and opening them in place", async () => {
    const u = h.user(950001);
    await signUp(u, "ru", "Ким Анна", "951231400062");
    const me = await identify(core(), { telegramId: 950001 });
    const numbers: string[] = [];
    for (let i = 0; i < 7; i++) numbers.push((await register(me)).number);
    const [n1, n2, n3, n4, n5, n6, n7] = numbers as [string, string, string, string, string, string, string];

    await u.send("/start");
    const menu = await u.waitForBot(shown("ru", "menu.title"));
    await u.press(shown("ru", "menu.my_appeals"), { messageId: menu.message_id });
    const first = await u.waitForBot(shown("ru", "appeal.list.title", { total: 7 }));
    expect(first.message_id).toBe(menu.message_id);
    expect(first.text).toContain(shown("ru", "appeal.list.page", { page: 1, pages: 2 }));
    for (const number of [n7, n6, n5, n4, n3]) expect(first.text).toContain(shown("ru", "appeal.list.line", { number, state: "registered", due: DUE }));
    expect(first.text).not.toContain(n2);
    expect(labels(first)).toEqual([n7, n6, n5, n4, n3, "›", shown("ru", "common.menu")]);

    await u.press("›");
    const second = await u.waitForBot(shown("ru", "appeal.list.page", { page: 2, pages: 2 }));
    expect(second.message_id).toBe(menu.message_id);
    expect(labels(second)).toEqual([n2, n1, "‹", shown("ru", "common.menu")]);

    await u.press(n1);
    const detail = await u.waitForBot(shown("ru", "appeal.detail.head", { number: n1, type: "application", state: "registered", received: RECEIVED, due: DUE, files: 0, text: TEXT }));
    expect(detail.message_id).toBe(menu.message_id);
    await u.press(shown("ru", "appeal.detail.back"));
    const back = await u.waitForBot(shown("ru", "appeal.list.page", { page: 2, pages: 2 }));
    expect(back.message_id).toBe(menu.message_id);
  });

  it("shows an appeal's detail and history in Kazakh, opened by its number typed in any case", async () => {
    const u = h.user(950002);
    const me = await signedUpCitizen(core(), 950002);
    const { appealId, number } = await register(me, "kk", "Сот мәжілісі екі рет себепсіз кейінге қалдырылды.");
    h.clock.set("2026-03-03T10:30:00+05:00");
    await classifyAppeal(core(), registrar, { appealId, category: "court_proceedings" });
    h.clock.set("2026-03-04T11:00:00+05:00");
    await forwardInternal(core(), registrar, { appealId, unit: "Кадр жұмысы <бөлімі>" });
    h.clock.set("2026-03-02T09:00:00+05:00");

    await u.send(number.toLowerCase());
    const detail = await u.waitForBot(shown("kk", "appeal.detail.head", {
      number,
      type: "application",
      state: "forwarded_internal",
      received: RECEIVED,
      due: DUE,
      files: 0,
      text: "Сот мәжілісі екі рет себепсіз кейінге қалдырылды.",
    }));
    const history = [
      shown("kk", "appeal.detail.history"),
      historyLine("kk", "registered"),
      historyLine("kk", "classified", {}, "03.03.2026 10:30"),
      historyLine("kk", "forwarded_internal", { unit: "Кадр жұмысы <бөлімі>" }, "04.03.2026 11:00"),
    ];
    expect(detail.text).toContain(history.join("\n"));
    expect(labels(detail)).toEqual([
      shown("kk", "appeal.supplement.button"),
      shown("kk", "appeal.withdraw.button"),
      shown("kk", "appeal.detail.back"),
      shown("kk", "common.menu"),
    ]);
  });

  it("shows an answered appeal with its answer in Russian, opened by a deep link, with rating and complaint buttons", async () => {
    const u = h.user(950003);
    const me = await signedUpCitizen(core(), 950003);
    const { number } = await answered(me);

    await u.send(`/start appeal_${number}`);
    const detail = await u.waitForBot(shown("ru", "appeal.detail.head", { number, type: "application", state: "answered", received: RECEIVED, due: DUE, files: 0, text: TEXT }));
    expect(detail.text).toContain([shown("ru", "appeal.detail.history"), historyLine("ru", "registered"), historyLine("ru", "classified"), historyLine("ru", "answered")].join("\n"));
    expect(detail.text).toContain(shown("ru", "appeal.detail.answer", { date: "02.03.2026", outcome: "explained", text: ANSWER }));
    expect(detail.text).toContain(shown("ru", "appeal.rate.ask"));
    expect(labels(detail)).toEqual([
      shown("ru", "appeal.rate.satisfied"),
      shown("ru", "appeal.rate.unsatisfied"),
      shown("ru", "appeal.complain.button"),
      shown("ru", "appeal.detail.back"),
      shown("ru", "common.menu"),
    ]);
  });

  it("adds a supplement of text and a file, and the appeal's holder gets a notice", async () => {
    const u = h.user(950004);
    const me = await signedUpCitizen(core(), 950004);
    const { appealId, number } = await register(me, "kk");
    await classifyAppeal(core(), registrar, { appealId, category: "general" });

    await u.send(number);
    const detail = await u.waitForBot(number);
    await u.press(shown("kk", "appeal.supplement.button"));
    const ask = { number, max_files: 10, max_chars: (10_000).toLocaleString("ru-RU"), chars: 0, files: 0 };
    const question = await u.waitForBot(shown("kk", "appeal.supplement.ask", ask));
    expect(question.message_id).toBe(detail.message_id);
    const note = "Іс нөмірі: 2-123/2026";
    await u.send(note);
    await u.waitForBot(shown("kk", "appeal.supplement.ask", { ...ask, chars: note.length }));
    await u.sendDocument({ name: "шешім.pdf", mime: "application/pdf", bytes: PDF });
    const latest = await u.waitForBot(shown("kk", "appeal.supplement.file_added", { name: "шешім.pdf" }));
    // Only the newest question keeps its buttons.
    const withButtons = (await u.messages()).filter((m) => m.from === "bot" && labels(m).length > 0);
    expect(withButtons).toHaveLength(1);

    await u.press(shown("kk", "appeal.supplement.send"));
    await toast(u, shown("kk", "appeal.supplement.sent", { number }));
    const after = await u.waitForBot(shown("kk", "appeal.detail.head", { number, type: "application", state: "in_review", received: RECEIVED, due: DUE, files: 1, text: TEXT }));
    expect(after.message_id).toBe(latest.message_id);
    expect(after.text).toContain(historyLine("kk", "supplemented_files", { files: 1 }));
    expect((await myAppeal(core(), me, { appealId })).files).toBe(1);
    expect((await eventsOf(core().db, appealId)).at(-1)).toMatchObject({ kind: "supplemented", comment: note });
    const notices = await core().db.select().from(outbox).where(eq(outbox.chatId, REGISTRAR));
    expect(notices.map((n) => n.payload)).toContainEqual(expect.objectContaining({ key: "staff.notice.supplement", params: { number, text: note, files: 1 } }));

    // A second supplement begun and stopped with /cancel sends nothing.
    await u.press(shown("kk", "appeal.supplement.button"));
    await u.waitForBot(shown("kk", "appeal.supplement.ask", ask));
    await u.send("/cancel");
    await u.waitForBot(shown("kk", "appeal.supplement.cancelled"));
    expect(await currentSupplement(core(), me)).toBeNull();
    expect((await eventsOf(core().db, appealId)).filter((e) => e.kind === "supplemented")).toHaveLength(1);

    // Begun while a new appeal is being written, the supplement takes the typed messages; the draft waits.
    await u.send("/start");
    await u.press(shown("kk", "menu.submit_appeal"));
    await u.press(shown("kk", "appeal.type.request"));
    await u.waitForBot(shown("kk", "appeal.intake.ask_text", { max: (10_000).toLocaleString("ru-RU") }));
    h.clock.advance(1_000);
    await u.send(`/start appeal_${number}`);
    await u.waitForBot(number);
    await u.press(shown("kk", "appeal.supplement.button"));
    await u.send("Тағы бір дерек");
    await u.waitForBot(shown("kk", "appeal.supplement.text_added"));
    expect((await currentSupplement(core(), me))?.data.texts).toEqual(["Тағы бір дерек"]);
    const draft = await currentIntake(core(), me);
    expect(draft).toMatchObject({ step: "text", data: { type: "request" } });
    expect(draft?.data.text).toBeUndefined();
    await u.send("/cancel");
    await u.waitForBot(shown("kk", "appeal.supplement.cancelled"));
    expect(await currentIntake(core(), me)).not.toBeNull();
    h.clock.set("2026-03-02T09:00:00+05:00");
  });

  it("withdraws an appeal only after Yes, and refuses a second withdrawal and a supplement after it", async () => {
    const u = h.user(950005);
    const me = await signedUpCitizen(core(), 950005);
    const { appealId, number } = await register(me);

    await u.send(`/start appeal_${number}`);
    const detail = await u.waitForBot(number);
    await u.press(shown("ru", "appeal.withdraw.button"));
    const ask = await u.waitForBot(shown("ru", "appeal.withdraw.ask", { number }));
    expect(ask.message_id).toBe(detail.message_id);
    await u.press(shown("ru", "appeal.withdraw.no"));
    await u.waitForBot(shown("ru", "appeal.detail.head", { number, type: "application", state: "registered", received: RECEIVED, due: DUE, files: 0, text: TEXT }));
    expect((await myAppeal(core(), me, { appealId })).appeal.state).toBe("registered");

    await u.press(shown("ru", "appeal.withdraw.button"));
    const again = await u.waitForBot(shown("ru", "appeal.withdraw.ask", { number }));
    const yes = dataOf(again, shown("ru", "appeal.withdraw.yes"));
    await u.press(shown("ru", "appeal.withdraw.yes"));
    await toast(u, shown("ru", "appeal.withdraw.done", { number }));
    const withdrawn = await u.waitForBot(historyLine("ru", "withdrawn"));
    expect(labels(withdrawn)).toEqual([shown("ru", "appeal.detail.back"), shown("ru", "common.menu")]);

    // The old confirmation pressed again, and a supplement asked for the closed appeal.
    await u.pressData(withdrawn.message_id, yes);
    await toast(u, shown("ru", "errors.appeal_closed"));
    await u.pressData(withdrawn.message_id, yes.replace(":withdraw_yes:", ":supplement:"));
    await toast(u, shown("ru", "errors.appeal_closed"));
    expect((await eventsOf(core().db, appealId)).map((e) => e.kind)).toEqual(["registered", "withdrawn"]);
    expect(await currentSupplement(core(), me)).toBeNull();

    // A supplement being written when its appeal closes is refused on Send, and the appeal is shown as it now is.
    const other = await register(me);
    await u.send(other.number);
    await u.waitForBot(other.number);
    await u.press(shown("ru", "appeal.supplement.button"));
    await u.send("Ещё одна подробность по делу");
    await u.waitForBot(shown("ru", "appeal.supplement.text_added"));
    await withdrawAppeal(core(), me, { appealId: other.appealId });
    await u.press(shown("ru", "appeal.supplement.send"));
    await toast(u, shown("ru", "errors.appeal_closed"));
    await u.waitForBot(historyLine("ru", "withdrawn"));
    expect(await currentSupplement(core(), me)).toBeNull();
    expect((await eventsOf(core().db, other.appealId)).map((e) => e.kind)).toEqual(["registered", "withdrawn"]);
  });

  it("takes one rating of an answer and refuses a second", async () => {
    const u = h.user(950006);
    const me = await signedUpCitizen(core(), 950006);
    const { appealId, number } = await answered(me);

    await u.send(number);
    const detail = await u.waitForBot(shown("kk", "appeal.rate.ask"));
    const unsatisfied = dataOf(detail, shown("kk", "appeal.rate.unsatisfied"));
    await u.press(shown("kk", "appeal.rate.satisfied"));
    await toast(u, shown("kk", "appeal.rate.thanks"));
    const rated = await u.waitForBot(shown("kk", "appeal.history.rated.satisfied"));
    expect(labels(rated)).not.toContain(shown("kk", "appeal.rate.unsatisfied"));

    await u.pressData(rated.message_id, unsatisfied);
    await toast(u, shown("kk", "errors.already_rated"));
    expect((await myAppeal(core(), me, { appealId })).appeal.rating).toBe("satisfied");
  });

  it("opens a complaint about an answer as a new appeal linked to the first", async () => {
    const u = h.user(950007);
    const me = await signedUpCitizen(core(), 950007);
    const first = await answered(me);

    await u.send(first.number);
    await u.waitForBot(shown("ru", "appeal.rate.ask"));
    await u.press(shown("ru", "appeal.complain.button"));
    await u.waitForBot(shown("ru", "appeal.intake.ask_text_complaint", { number: first.number }));
    await u.send("Не согласен с ответом: канцелярия отказала в выдаче копии без объяснения причин.");
    await u.press(shown("ru", "appeal.intake.files_skip"));
    await u.press(shown("ru", "appeal.language.ru"));
    await u.press(shown("ru", "appeal.intake.channel_chat"));
    await u.press(shown("ru", "appeal.intake.confirm"));
    const receipt = await u.waitForBot(shown("ru", "appeal.intake.receipt", { number: "_" }).slice(0, 20));

    const { items } = await listMyAppeals(core(), me);
    const complaint = await myAppeal(core(), me, { appealId: items[0]!.id });
    expect(receipt.text).toContain(complaint.appeal.number);
    expect(complaint.appeal).toMatchObject({ type: "complaint", complaintOfId: first.appealId });
    const original = await myAppeal(core(), me, { appealId: first.appealId });
    expect(original.history.at(-1)).toMatchObject({ kind: "complained", data: { complaint: complaint.appeal.number } });
  });

  it("never shows or changes another citizen's appeal: typed number, deep link or forged button", async () => {
    const owner = await signedUpCitizen(core(), 950009);
    const { appealId, number } = await register(owner);
    const u = h.user(950008);
    await signedUpCitizen(core(), 950008);

    await u.send(number);
    const refusal = await u.waitForBot(shown("kk", "errors.appeal_not_found"));
    await u.send(`/start appeal_${number}`);
    await u.waitForBot(shown("kk", "errors.appeal_not_found"));
    const forged = [...["open", "withdraw", "withdraw_yes", "supplement", "complain"].map((action) => `ma2:${action}:${appealId}:0`), `ma2:rate:${appealId}:0:satisfied`];
    for (const data of forged) {
      await u.pressData(refusal.message_id, data);
      await toast(u, shown("kk", "errors.not_your_button"));
    }
    expect((await u.messages()).filter((m) => m.from === "bot" && m.text.includes(number))).toEqual([]);
    expect((await eventsOf(core().db, appealId)).map((e) => e.kind)).toEqual(["registered"]);
    expect(await activeFlows(core(), (await identify(core(), { telegramId: 950008 })).userId)).toEqual([]);

    // Their own list is empty, with the way to submit one.
    await u.send("/start");
    await u.press(shown("kk", "menu.my_appeals"));
    const empty = await u.waitForBot(shown("kk", "appeal.list.empty"));
    expect(labels(empty)).toEqual([shown("kk", "menu.submit_appeal"), shown("kk", "common.menu")]);
  });

  it("splits a long answer on paragraph breaks, each message within Telegram's limit, buttons under the last", async () => {
    const u = h.user(950010);
    const me = await signedUpCitizen(core(), 950010);
    const paragraphs = Array.from({ length: 12 }, (_, i) => `${i + 1}. ${"Сот әкімшілігі түсіндіреді. ".repeat(25).trim()}`);
    const { number } = await answered(me, paragraphs.join("\n\n"));

    // The answer's own notice and its letter arrive first; what follows the typed number is the detail.
    await u.waitFor((v) => v.messages.some((m) => m.from === "bot" && m.document?.mime_type === "application/pdf"));
    await u.send(number);
    const last = await u.waitForBot(shown("kk", "appeal.rate.ask"));
    const title = shown("kk", "appeal.detail.head", { number, type: "application", state: "answered", received: RECEIVED, due: DUE, files: 0, text: TEXT }).split("\n")[0]!;
    const messages = (await u.messages()).filter((m) => m.from === "bot");
    const parts = messages.slice(messages.findIndex((m) => m.text.startsWith(title)));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.at(-1)!.message_id).toBe(last.message_id);
    for (const part of parts) expect(part.text.length).toBeLessThanOrEqual(4096);
    expect(parts.slice(0, -1).every((m) => labels(m).length === 0)).toBe(true);
    expect(labels(last)).toContain(shown("kk", "appeal.rate.satisfied"));
    for (const paragraph of paragraphs) expect(parts.some((m) => m.text.includes(paragraph))).toBe(true);
  });
});
