import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMyAppeals, myAppeal } from "../../core/appeals/citizen-view.js";
import { identify } from "../../core/people/users.js";
import { staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { signUp } from "../support/journeys.js";
import type { SandboxUser } from "../support/sandbox-user.js";
import { pdfText, skipPdfText } from "../support/pdf-text.js";
import { shown } from "../support/texts.js";

let letterPdf: Buffer | undefined;

let h: Harness;
beforeAll(async () => {
  h = await startHarness([citizen(940001, "kk"), citizen(940002, "ru"), citizen(940003, "ru"), { ...citizen(940101, "ru"), demoRole: "registrar" }, { ...citizen(940102, "kk"), demoRole: "head" }]);
  await staffMember(h.app().core, 940101, "registrar");
  await staffMember(h.app().core, 940102, "head");
});
afterAll(() => h.dispose());

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
const TEXT_PROPOSAL = "Предлагаю публиковать график личного приёма на сайте заранее.";
const TEXT = "Прошу разъяснить порядок получения копии решения суда по гражданскому делу № 2-123/2026.";

async function appealsOf(telegramId: number) {
  const ctx = h.app().core;
  return listMyAppeals(ctx, await identify(ctx, { telegramId }));
}

async function startAppeal(u: SandboxUser, lang: "kk" | "ru") {
  await u.send("/start");
  await u.press(shown(lang, "menu.submit_appeal"));
  await u.waitForBot(shown(lang, "appeal.intake.ask_type").replace(/\s+/g, " ").slice(0, 12));
}

describe(`appeal intake through the Bot API on ${dbKind}`, () => {
  it("takes a Kazakh appeal with a file and a postal address to a receipt with number and deadline", async () => {
    const u = h.user(940001);
    await signUp(u, "kk", "Серікқызы Айгерім", "870615400228");
    await startAppeal(u, "kk");
    await u.press(shown("kk", "appeal.type.complaint"));
    const askText = await u.waitForBot(shown("kk", "appeal.intake.ask_text", { max: "10 000" }).slice(0, 20));
    // Before typing, the citizen learns that an anonymous message is not reviewed, and whom to call instead.
    expect(askText.text).toContain("анонимді");
    expect(askText.text).toContain("102");
    await u.send("Сот мәжілісі екі рет себепсіз кейінге қалдырылды, іс қаралмай жатыр.");
    await u.waitForBot(shown("kk", "appeal.intake.ask_files", { max_mb: 20, max: 10, count: 0 }));
    await u.sendDocument({ name: "шешім.pdf", mime: "application/pdf", bytes: PDF });
    await u.waitForBot(shown("kk", "appeal.intake.file_added", { name: "шешім.pdf", count: 1, max: 10 }));
    await u.press(shown("kk", "appeal.intake.files_done"));
    await u.press(shown("kk", "appeal.language.kk"));
    await u.press(shown("kk", "appeal.intake.channel_post"));
    await u.waitForBot(shown("kk", "appeal.intake.ask_address"));
    await u.send("010000, Астана, Мәңгілік Ел даңғылы, 8, 12-пәтер");
    const summary = await u.waitForBot(shown("kk", "appeal.intake.confirm").slice(2));
    expect(summary.text).toContain("Мәңгілік Ел");
    await u.press(shown("kk", "appeal.intake.confirm"));
    // Monday 2 March 2026: 9 March and 23–25 March are days off, so 15 working days end on 27 March.
    const receipt = await u.waitForBot("ЖТ-2026-000001");
    expect(receipt.text).toContain("27.03.2026");
    expect(receipt.text).toContain("02.03.2026 09:00");
    const { items } = await appealsOf(940001);
    expect(items).toHaveLength(1);
    const ctx = h.app().core;
    const view = await myAppeal(ctx, await identify(ctx, { telegramId: 940001 }), { appealId: items[0]!.id });
    expect(view).toMatchObject({ files: 1, appeal: { type: "complaint", replyChannel: "post", language: "kk" } });
  });

  it("registers exactly one appeal when Confirm is pressed twice, says so in a pop-up and keeps the receipt", async () => {
    const u = h.user(940002);
    await signUp(u, "ru", "Петров Иван", "951231400062");
    await startAppeal(u, "ru");
    await u.press(shown("ru", "appeal.type.request"));
    await u.send(TEXT);
    await u.press(shown("ru", "appeal.intake.files_skip"));
    await u.press(shown("ru", "appeal.language.ru"));
    await u.press(shown("ru", "appeal.intake.channel_chat"));
    const summary = await u.waitForBot(TEXT.slice(0, 30));
    const confirm = summary.inline_keyboard!.flat().find((b) => b.text === shown("ru", "appeal.intake.confirm"))!;
    const already = shown("ru", "appeal.intake.already", { number: "ЖТ-2026-000002" });
    await u.pressData(summary.message_id, confirm.callback_data!);
    await u.pressData(summary.message_id, confirm.callback_data!);
    await u.waitFor((v) => v.toasts.some((t) => t.text === already));
    const receipt = (await u.messages()).find((m) => m.message_id === summary.message_id)!;
    for (const line of ["ЖТ-2026-000002", "02.03.2026 09:00", shown("ru", "appeal.intake.receipt", { number: "ЖТ-2026-000002", received: "", registered: "", due: "", holder: "" }).split("\n")[0]!]) {
      expect(receipt.text).toContain(line);
    }
    expect(receipt.text).toMatch(/Срок ответа: \d\d\.\d\d\.2026/);
    // Pressed again long after, on the receipt itself: the pop-up again, and the receipt stays word for word.
    await u.pressData(summary.message_id, confirm.callback_data!);
    await u.waitFor((v) => v.toasts.some((t) => t.text === already));
    expect((await u.messages()).find((m) => m.message_id === summary.message_id)!.text).toBe(receipt.text);
    expect((await u.messages()).some((m) => m.text.includes(already))).toBe(false);
    expect((await appealsOf(940002)).total).toBe(1);
    // "Main menu" under the receipt opens the menu below it; the receipt, with its number, stays in the chat.
    await u.press(shown("ru", "common.menu"));
    const menu = await u.waitForBot(shown("ru", "menu.title"));
    expect(menu.message_id).toBeGreaterThan(summary.message_id);
    const kept = (await u.messages()).find((m) => m.message_id === summary.message_id)!;
    expect(kept.text).toBe(receipt.text);
    expect(kept.inline_keyboard ?? []).toEqual([]);
  });

  it("resumes intake after a restart at the step the citizen was on", async () => {
    const u = h.user(940003);
    await signUp(u, "ru", "Ким Анна", "000101500120");
    await startAppeal(u, "ru");
    await u.press(shown("ru", "appeal.type.proposal"));
    await u.waitForBot(shown("ru", "appeal.intake.ask_text", { max: "10 000" }).slice(0, 20));
    await h.restart();
    await u.send(TEXT_PROPOSAL);
    await u.waitForBot(shown("ru", "appeal.intake.ask_files", { max_mb: 20, max: 10, count: 0 }));
  });

  it("refuses bad input with a reason and keeps the draft as it was", async () => {
    const u = h.user(940003);
    await u.sendDocument({ name: "virus.exe", mime: "application/x-msdownload", size: 1000 });
    await u.waitForBot(shown("ru", "errors.file_type", { name: "virus.exe" }));
    await u.sendDocument({ name: "big.pdf", mime: "application/pdf", size: 21 * 1024 * 1024 });
    await u.waitForBot(shown("ru", "errors.file_too_big", { name: "big.pdf", max_mb: 20 }));
    for (let i = 1; i <= 10; i++) {
      await u.sendDocument({ name: `page-${i}.pdf`, mime: "application/pdf", bytes: new TextEncoder().encode(`%PDF-1.4 page ${i}`) });
      await u.waitForBot(shown("ru", "appeal.intake.file_added", { name: `page-${i}.pdf`, count: i, max: 10 }));
    }
    await u.sendDocument({ name: "page-11.pdf", mime: "application/pdf", bytes: new TextEncoder().encode("%PDF-1.4 page 11") });
    await u.waitForBot(shown("ru", "errors.too_many_files", { max: 10 }));
    await u.press(shown("ru", "appeal.intake.files_done"));
    await u.press(shown("ru", "appeal.language.ru"));
    await u.press(shown("ru", "appeal.intake.channel_chat"));
    const summary = await u.waitForBot(TEXT_PROPOSAL.slice(0, 30));
    expect(summary.text).toMatch(/Файлы: 10/);
    // Edit the text from the summary: a text over the limit is refused with its length.
    await u.press(shown("ru", "appeal.intake.edit.text"));
    await u.send("я".repeat(10_001));
    await u.waitForBot(shown("ru", "errors.text_too_long", { length: 10_001, max: 10_000 }));
    await u.send("Исправленный текст предложения о графике приёма.");
    await u.waitForBot("Исправленный текст");
    // An old draft's Confirm is stale once the draft is gone.
    const old = await u.lastBot();
    const confirm = old.inline_keyboard!.flat().find((b) => b.text === shown("ru", "appeal.intake.confirm"))!;
    await u.send("/cancel");
    await u.waitForBot(shown("ru", "appeal.intake.cancelled"));
    await u.pressData(old.message_id, confirm.callback_data!);
    await u.waitFor((v) => v.toasts.some((t) => t.text === shown("ru", "errors.stale_button")));
    expect((await appealsOf(940003)).total).toBe(0);
  });

  it("lets demo staff answer with plain commands and delivers the answer in the appeal's language", async () => {
    const registrar = h.user(940101);
    const head = h.user(940102);
    const citizenChat = h.user(940002);
    await registrar.send("/classify ЖТ-2026-000002 general");
    await registrar.waitForBot(shown("ru", "appeal.state.in_review"));
    await registrar.send("/draft ЖТ-2026-000002 explained Копию решения можно получить в канцелярии суда.");
    await registrar.waitForBot(shown("ru", "appeal.state.awaiting_approval"));
    await citizenChat.send("/approve ЖТ-2026-000002");
    await citizenChat.waitForBot(shown("ru", "errors.forbidden"));
    await head.send("/approve ЖТ-2026-000002");
    await head.waitForBot(shown("kk", "appeal.state.answered"));
    await citizenChat.waitFor((v) => v.messages.some((m) => m.from === "bot" && m.text.includes("Копию решения можно получить в канцелярии суда.")));
    const answer = (await citizenChat.messages()).find((m) => m.text.includes("Копию решения"))!;
    expect(answer.text).toContain(shown("ru", "appeal.outcome.explained"));
  });

  it("answers the Kazakh appeal with a signed PDF letter, then takes a rating and a complaint", async () => {
    const registrar = h.user(940101);
    const head = h.user(940102);
    const u = h.user(940001);
    await registrar.send("/classify ЖТ-2026-000001 court_proceedings");
    await registrar.waitForBot(shown("ru", "appeal.state.in_review"));
    await registrar.send("/draft ЖТ-2026-000001 explained Сот мәжілісін кейінге қалдыру туралы шағымыңыз қаралды; іс Әділет, Ұлттық, Үкімет, Һ: тексерілді.");
    await registrar.waitForBot(shown("ru", "appeal.state.awaiting_approval"));
    await head.send("/approve ЖТ-2026-000001");
    await head.waitForBot(shown("kk", "appeal.state.answered"));

    const fromBot = (m: { from: string; document?: { mime_type?: string } }) => m.from === "bot" && m.document?.mime_type === "application/pdf";
    const view = await u.waitFor((v) => v.messages.some(fromBot));
    expect(view.messages.some((m) => m.text.includes(shown("kk", "appeal.outcome.explained")))).toBe(true);
    const letter = view.messages.find(fromBot)!;
    letterPdf = Buffer.from(await (await fetch(new URL(letter.document!.url, h.emulatorUrl))).arrayBuffer());
    expect(letterPdf.subarray(0, 5).toString()).toBe("%PDF-");

    await u.send("ЖТ-2026-000001");
    await u.press(shown("kk", "appeal.rate.satisfied"));
    await u.waitFor((v) => v.toasts.some((t) => t.text === shown("kk", "appeal.rate.thanks")) || v.messages.some((m) => m.text.includes(shown("kk", "appeal.rate.thanks"))));
    await u.press(shown("kk", "appeal.complain.button"));
    await u.waitForBot(shown("kk", "appeal.intake.ask_text_complaint", { number: "ЖТ-2026-000001" }));
    await u.send("Жауаппен келіспеймін: мәжіліс әлі тағайындалған жоқ.");
    await u.press(shown("kk", "appeal.intake.files_skip"));
    await u.press(shown("kk", "appeal.language.kk"));
    await u.press(shown("kk", "appeal.intake.channel_chat"));
    await u.press(shown("kk", "appeal.intake.confirm"));
    const receipt = await u.waitForBot(/ЖТ-2026-00000\d/);
    const complaintNumber = /ЖТ-2026-00000\d/.exec(receipt.text)![0];
    const ctx = h.app().core;
    const complaint = await myAppeal(ctx, await identify(ctx, { telegramId: 940001 }), { number: complaintNumber });
    expect(complaint.appeal).toMatchObject({ type: "complaint", complaintOfId: (await myAppeal(ctx, await identify(ctx, { telegramId: 940001 }), { number: "ЖТ-2026-000001" })).appeal.id });
  });

  it.skipIf(skipPdfText)("sends a letter whose Kazakh letters survive in the PDF's text", () => {
    const text = pdfText(letterPdf!).replace(/\s+/g, " ");
    for (const word of ["ЖАЛПЫ БӨЛІМІ", "ЖТ-2026-000001", "Серікқызы Айгерім", "Әділет, Ұлттық, Үкімет, Һ", "Қарау нәтижесі: түсіндірілді"]) {
      expect(text).toContain(word);
    }
  });
});
