import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withdrawAppeal } from "../../core/appeals/citizen-actions.js";
import { listMyAppeals, myAppeal } from "../../core/appeals/citizen-view.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { eventsOf } from "../../core/appeals/events.js";
import { currentIntake } from "../../core/appeals/intake.js";
import { currentSupplement } from "../../core/appeals/supplement-flow.js";
import { outbox } from "../../db/schema/index.js";
import { signedUpCitizen } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import type { ChatMessage } from "../support/sandbox-user.js";
import { shown } from "../support/texts.js";
import { DUE, historyLine, labels, myAppealsBot, RECEIVED, REGISTRAR, TEXT, toast } from "./my-appeals-fixtures.js";

const bot = myAppealsBot([950004, 950005, 950006, 950007]);
const { core, register, answered } = bot;

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
const dataOf = (m: ChatMessage, label: string) => m.inline_keyboard!.flat().find((b) => b.text === label)!.callback_data!;

describe(`"My appeals" through the Bot API on ${dbKind}: supplements, withdrawal, rating and complaints`, () => {
  it("adds a supplement of text and a file, and the appeal's holder gets a notice", async () => {
    const u = bot.h.user(950004);
    const me = await signedUpCitizen(core(), 950004);
    const { appealId, number } = await register(me, "kk");
    await classifyAppeal(core(), bot.registrar, { appealId, category: "general" });

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
    bot.h.clock.advance(1_000);
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
    bot.h.clock.set("2026-03-02T09:00:00+05:00");
  });

  it("withdraws an appeal only after Yes, and refuses a second withdrawal and a supplement after it", async () => {
    const u = bot.h.user(950005);
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
    const u = bot.h.user(950006);
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
    const u = bot.h.user(950007);
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
});
