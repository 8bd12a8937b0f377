import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pendingDraft, submitDraft } from "../../core/appeals/answer.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import type { Actor } from "../../core/shared/roles.js";
import { appeals } from "../../db/schema/index.js";
import { staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { qrOnFirstPage } from "../support/pdf-qr.js";
import { pdfText, skipPdfText } from "../support/pdf-text.js";
import type { ChatMessage, SandboxUser } from "../support/sandbox-user.js";
import { shown } from "../support/texts.js";

const REGISTRAR = 964101;
const REVIEWER = 964102;
const HEAD = 964103;
const APPLICANT = 964001;
const IIN = "870615400228";
const WRONG_IIN = "990101300152";
const ADDRESS = "010000, Астана, Мәңгілік Ел даңғылы, 8, 5-пәтер";

let h: Harness;
let registrar: Actor;
let reviewer: Actor;
beforeAll(async () => {
  h = await startHarness([citizen(REGISTRAR, "ru"), citizen(REVIEWER, "kk"), citizen(HEAD, "kk"), citizen(APPLICANT, "kk")]);
  const core = h.app().core;
  registrar = await staffMember(core, REGISTRAR, "registrar");
  reviewer = await staffMember(core, REVIEWER, "reviewer");
  await staffMember(core, HEAD, "head");
});
afterAll(() => h.dispose());

const isBotPdf = (m: ChatMessage) => m.from === "bot" && m.document?.mime_type === "application/pdf";

async function downloaded(message: ChatMessage): Promise<Buffer> {
  return Buffer.from(await (await fetch(new URL(message.document!.url, h.emulatorUrl))).arrayBuffer());
}

/** The registrar types the letter into the bot, one question at a time, and gets the printed receipt. */
async function registerOnPaper(desk: SandboxUser): Promise<{ number: string; receipt: Buffer }> {
  await desk.send("/paper");
  await desk.press(shown("ru", "signup.kind.individual"));
  await desk.waitForBot(shown("ru", "paper.register.ask_name"));
  await desk.send("Серікқызы Айгерім");
  await desk.waitForBot(shown("ru", "paper.register.ask_iin"));
  await desk.send(IIN);
  await desk.waitForBot(shown("ru", "paper.register.ask_address"));
  await desk.send(ADDRESS);
  await desk.press(shown("ru", "appeal.type.complaint"));
  await desk.press(shown("ru", "appeal.language.kk"));
  await desk.press(shown("ru", "paper.register.channel.paper"));
  await desk.waitForBot(shown("ru", "paper.register.ask_content", { text: shown("ru", "paper.register.no_text"), files: 0 }));
  await desk.send("Сот шешімі үш ай бойы орындалмай келеді, көмектесуіңізді сұраймын.");
  await desk.waitForBot("Текст: Сот шешімі үш ай бойы");
  await desk.press(shown("ru", "paper.register.content_done"));
  await desk.press(shown("ru", "paper.register.confirm"));
  const registered = await desk.waitForBot(/ЖТ-2026-\d{6}/);
  const number = /ЖТ-2026-\d{6}/.exec(registered.text)![0];
  const chat = await desk.waitFor((v) => v.messages.some((m) => isBotPdf(m) && m.message_id > registered.message_id));
  return { number, receipt: await downloaded(chat.messages.find((m) => isBotPdf(m) && m.message_id > registered.message_id)!) };
}

describe(`a paper appeal followed in Telegram by its receipt's QR code, on ${dbKind}`, () => {
  it("registrar registers it in chat → the QR code opens the link → wrong IIN refused, right one links → the answer comes to the applicant's chat", async () => {
    const core = h.app().core;
    const { number, receipt } = await registerOnPaper(h.user(REGISTRAR));
    const [row] = await core.db.select().from(appeals).where(eq(appeals.number, number));
    expect({ owner: row!.citizenUserId, channel: row!.channel, reply: row!.replyChannel }).toEqual({ owner: null, channel: "paper", reply: "post" });

    // The printed page, read back as a phone's camera would.
    const link = await qrOnFirstPage(receipt);
    expect(link).toMatch(/^https:\/\/t\.me\/otinish_test_bot\?start=track_[A-Za-z0-9_-]{32}$/);

    // A person new to the bot opens the link: the IIN is asked, a wrong one refused in their language.
    const applicant = h.user(APPLICANT);
    await applicant.send(`/start ${new URL(link!).searchParams.get("start")}`);
    await applicant.waitForBot(shown("kk", "paper.track.ask_iin", { number }));
    await applicant.send(WRONG_IIN);
    await applicant.waitForBot(shown("kk", "errors.track_number_wrong", { left: 4 }));
    expect((await core.db.select().from(appeals).where(eq(appeals.number, number)))[0]!.citizenUserId).toBeNull();
    await applicant.send(IIN);
    await applicant.waitForBot(shown("kk", "paper.track.linked", { number }));
    const linked = (await core.db.select().from(appeals).where(eq(appeals.number, number)))[0]!;
    expect({ reply: linked.replyChannel, address: linked.postalAddress, linked: linked.citizenUserId !== null }).toEqual({ reply: "chat", address: ADDRESS, linked: true });

    // Staff answer it as any appeal; the Head signs in chat.
    await classifyAppeal(core, registrar, { appealId: linked.id, category: "court_proceedings", holderUserId: reviewer.userId });
    await submitDraft(core, reviewer, { appealId: linked.id, text: "Сот орындаушысына жүгінуіңізді сұраймыз.", outcome: "explained" });
    expect(await pendingDraft(core.db, linked.id)).toBeTruthy();
    const headChat = h.user(HEAD);
    await headChat.send("/approvals");
    await headChat.waitForBot(number);
    await headChat.press(shown("kk", "staff.approval.approve"));
    await headChat.waitForBot(/ЖБ-2026-\d{6}/);

    const chat = await applicant.waitFor((v) => v.messages.some(isBotPdf));
    expect(chat.messages.some((m) => m.from === "bot" && m.text.includes(number) && m.text.includes("Сот орындаушысына жүгінуіңізді сұраймыз."))).toBe(true);
    const letter = await downloaded(chat.messages.find(isBotPdf)!);
    if (skipPdfText) return;
    // Read last: pdftotext blocks this process, where the emulator and the bot run too.
    expect(pdfText(letter)).toContain(number);
    const printed = pdfText(receipt).replace(/\s+/g, " ");
    expect(printed).toContain(number);
    expect(printed).toContain(link!);
    expect(printed).toContain("ЖАЛПЫ БӨЛІМІ");
  });
});
