import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAppeal } from "../../core/appeals/register.js";
import { appealAnswers, appeals, users } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { pdfText, skipPdfText } from "../support/pdf-text.js";
import type { ChatMessage } from "../support/sandbox-user.js";
import { shown } from "../support/texts.js";

const CITIZENS = [968001, 968002, 968003];
const NAMES = ["Серікқызы Айгерім", "Омаров Даулет", "Жұмабаева Сәуле"];
const REGISTRAR = 968101;
const REVIEWER = 968102;
const HEAD = 968103;
const TEXT = "Сот ғимаратына кіреберісте пандус жоқ, мүгедектер арбасымен кіру мүмкін емес, шара қолдануды сұраймыз";

let h: Harness;
const filed: { appealId: number; number: string }[] = [];
beforeAll(async () => {
  h = await startHarness([...CITIZENS.map((id) => citizen(id, "kk")), citizen(REGISTRAR, "ru"), citizen(REVIEWER, "kk"), citizen(HEAD, "kk")]);
  const core = h.app().core;
  await staffMember(core, REGISTRAR, "registrar");
  const reviewer = await staffMember(core, REVIEWER, "reviewer");
  await staffMember(core, HEAD, "head");
  await core.db.update(users).set({ fullName: "Ерлан Жұмабеков" }).where(eq(users.id, reviewer.userId));
  for (const [i, telegramId] of CITIZENS.entries()) {
    const owner = await signedUpCitizen(core, telegramId, { fullName: NAMES[i]! });
    filed.push(await registerAppeal(core, owner, { draftId: randomUUID(), type: "complaint", text: TEXT, language: "kk", replyChannel: "chat" }));
  }
});
afterAll(() => h.dispose());

const isBotPdf = (m: ChatMessage) => m.from === "bot" && m.document?.mime_type === "application/pdf";

describe(`mass appeals in chat on ${dbKind}`, () => {
  it("registrar groups three appeals from the card, the reviewer drafts once, the Head approves once, and each applicant gets their own letter", async () => {
    const core = h.app().core;
    const [lead, ...others] = filed;

    const registrar = h.user(REGISTRAR);
    await registrar.send(`/find ${lead!.number}`);
    await registrar.press(lead!.number);
    await registrar.press(shown("ru", "groups.card.similar", { count: 2 }));
    await registrar.waitForBot(shown("ru", "groups.similar.title", { number: lead!.number }));
    await registrar.press(shown("ru", "groups.similar.add_all"));
    await registrar.waitForBot(/Добавлено в группу: 3/);
    // Classifying the lead takes the whole group to the reviewer.
    await registrar.send("/queue");
    await registrar.waitForBot(lead!.number);
    await registrar.press(shown("ru", "appeal.category.general"));
    await registrar.press(shown("ru", "staff.registry.assign"));
    await registrar.press("Ерлан Жұмабеков (0)");
    await registrar.waitForBot(shown("ru", "staff.registry.empty"));

    // A member's card names its group and lead, and offers no draft of its own.
    const reviewer = h.user(REVIEWER);
    await reviewer.send(`/find ${others[0]!.number}`);
    await reviewer.press(others[0]!.number);
    const memberCard = await reviewer.waitForBot(shown("kk", "groups.card.members", { numbers: filed.map((f) => f.number).join(", ") }));
    expect(memberCard.text).toContain(lead!.number);
    expect((memberCard.inline_keyboard ?? []).flat().map((b) => b.text)).not.toContain(shown("kk", "staff.card.draft"));

    await reviewer.send(`/find ${lead!.number}`);
    await reviewer.press(lead!.number);
    await reviewer.waitForBot(shown("kk", "groups.card.members", { numbers: filed.map((f) => f.number).join(", ") }));
    await reviewer.press(shown("kk", "staff.card.draft"));
    await reviewer.waitForBot(shown("kk", "groups.draft_for", { count: 3, placeholder: "{{name}}" }));
    await reviewer.send("Құрметті {{name}}! Пандус 2026 жылғы сәуірде орнатылады.");
    await reviewer.press(shown("kk", "appeal.outcome.satisfied"));
    await reviewer.press(shown("kk", "staff.draft.submit"));
    await reviewer.waitForBot(shown("kk", "staff.draft.submitted", { number: lead!.number }));

    const head = h.user(HEAD);
    await head.send("/approvals");
    await head.waitForBot(shown("kk", "groups.approval_many", { count: 3 }));
    await head.press(shown("kk", "staff.approval.approve"));
    await head.waitForBot(shown("kk", "groups.letters", { letters: 3 }));

    const ids = filed.map((f) => f.appealId);
    const answers = await core.db.select({ appealId: appealAnswers.appealId, outgoing: appealAnswers.outgoingNumber }).from(appealAnswers).where(inArray(appealAnswers.appealId, ids));
    expect(new Set(answers.map((a) => a.outgoing)).size).toBe(3);
    expect((await core.db.select({ state: appeals.state }).from(appeals).where(inArray(appeals.id, ids))).map((a) => a.state)).toEqual(["answered", "answered", "answered"]);
    for (const [i, telegramId] of CITIZENS.entries()) {
      const chat = await h.user(telegramId).waitFor((v) => v.messages.some(isBotPdf));
      const letters = chat.messages.filter(isBotPdf);
      expect(letters).toHaveLength(1);
      if (skipPdfText) continue;
      const pdf = Buffer.from(await (await fetch(new URL(letters[0]!.document!.url, h.emulatorUrl))).arrayBuffer());
      const text = pdfText(pdf).replace(/\s+/g, " ");
      const own = answers.find((a) => a.appealId === filed[i]!.appealId)!.outgoing!;
      expect(text).toContain(own);
      expect(text).toContain(filed[i]!.number);
      // Their own name, not another applicant's.
      expect(text).toContain(NAMES[i]!.split(" ")[1]!);
      for (const [j, other] of NAMES.entries()) if (j !== i) expect(text).not.toContain(other.split(" ")[0]!);
      for (const a of answers) if (a.outgoing !== own) expect(text).not.toContain(a.outgoing!);
    }
  });
});
