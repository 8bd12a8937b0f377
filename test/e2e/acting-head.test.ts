import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitDraft } from "../../core/appeals/answer.js";
import { myAppeal } from "../../core/appeals/citizen-view.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { registerAppeal } from "../../core/appeals/register.js";
import type { Actor } from "../../core/shared/roles.js";
import { periodOfDays, setActingHead } from "../../core/staff/delegations.js";
import { setOfficialName } from "../../core/staff/official-name.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { users } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { pdfText, skipPdfText } from "../support/pdf-text.js";
import type { ChatMessage } from "../support/sandbox-user.js";
import { shown } from "../support/texts.js";

const HEAD_NAME = "Исабеков Бауыржан";
let h: Harness;
let owner: Actor;
let registrar: Actor;
let reviewer: Actor;
beforeAll(async () => {
  h = await startHarness([citizen(970001, "kk"), citizen(970101, "ru"), citizen(970102, "ru"), citizen(970103, "kk"), citizen(970104, "kk")]);
  const core = h.app().core;
  owner = await signedUpCitizen(core, 970001);
  registrar = await staffMember(core, 970101, "registrar");
  reviewer = await staffMember(core, 970102, "reviewer");
  const head = await staffMember(core, 970103, "head");
  const deputy = await staffMember(core, 970104, "deputy");
  await core.db.update(users).set({ fullName: HEAD_NAME }).where(eq(users.id, head.userId));
  await core.db.update(users).set({ fullName: "Омарова Динара" }).where(eq(users.id, deputy.userId));
  await setOfficialName(core, CONSOLE_OPERATOR, { telegramId: 970104, surname: "Омарова", firstName: "Динара", patronymic: "Сәкенқызы", positionKk: "Меңгерушінің орынбасары", positionRu: "Заместитель заведующего" });
  await setOfficialName(core, CONSOLE_OPERATOR, { telegramId: 970102, surname: "Жұмабеков", firstName: "Ерлан", positionKk: "Бас маман", positionRu: "Главный специалист", phone: "8 (7172) 71-00-00" });
  await setActingHead(core, head, { deputyUserId: deputy.userId, ...periodOfDays("2026-03-02", "2026-03-06") });
});
afterAll(() => h.dispose());

const isBotPdf = (m: ChatMessage) => m.from === "bot" && m.document?.mime_type === "application/pdf";
let letterPdf: Buffer | undefined;

describe(`the Acting Head in chat on ${dbKind}`, () => {
  it("tells the acting deputy of the draft, shows it in /approvals, and the deputy's approval reaches the citizen", async () => {
    const core = h.app().core;
    const receipt = await registerAppeal(core, owner, { draftId: randomUUID(), type: "request", text: "Сот отырысының күнін хабарлауыңызды сұраймын.", language: "kk", replyChannel: "chat" });
    await classifyAppeal(core, registrar, { appealId: receipt.appealId, category: "court_proceedings", holderUserId: reviewer.userId });
    await submitDraft(core, reviewer, { appealId: receipt.appealId, text: "Сот отырысы 10 сәуірге белгіленді.", outcome: "explained" });
    const { number } = receipt;

    const deputy = h.user(970104);
    await deputy.waitFor((v) => v.messages.some((m) => m.text.includes(shown("kk", "staff.notice.draft_submitted", { number }).slice(0, 30))));
    await deputy.send("/approvals");
    await deputy.waitForBot(number);
    await deputy.press(shown("kk", "staff.approval.approve"));
    const approved = await deputy.waitForBot(/ЖБ-2026-\d{6}/);
    expect(approved.text).toContain(number);

    const chat = await h.user(970001).waitFor((v) => v.messages.some(isBotPdf));
    const letter = chat.messages.find(isBotPdf)!;
    letterPdf = Buffer.from(await (await fetch(new URL(letter.document!.url, h.emulatorUrl))).arrayBuffer());
    expect(letterPdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await myAppeal(core, owner, { appealId: receipt.appealId })).appeal.state).toBe("answered");
  });

  it.skipIf(skipPdfText)("signs the letter as the acting Head in the deputy's own name, with the executor's mark", () => {
    const lines = pdfText(letterPdf!, { layout: true });
    const text = lines.replace(/\s+/g, " ");
    expect(lines).toMatch(/^Меңгерушінің м\.а\. {10,}Д\. Омарова$/m);
    expect(text).not.toContain(HEAD_NAME);
    expect(text).toContain("Орынд.: Е. Жұмабеков, тел. 8 (7172) 71-00-00");
  });
});
