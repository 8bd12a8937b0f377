import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitDraft } from "../../core/appeals/answer.js";
import { supplementAppeal } from "../../core/appeals/citizen-actions.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { registerAppeal } from "../../core/appeals/register.js";
import type { Actor } from "../../core/shared/roles.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import type { ChatView, SandboxUser } from "../support/sandbox-user.js";
import { shown } from "../support/texts.js";

const CITIZEN = 967001;
const REGISTRAR = 967101;
const REVIEWER = 967102;
const OTHER_REVIEWER = 967103;
const HEAD = 967104;

/** Words with everything HTML must escape, so the escaped text is far longer than the typed one. */
const WORDS = ["Сот", "шешімі", "<b>жуан</b>", "A&B", "$t(x)", "«дәйексөз»", "ӘПРК", "76-бабы", "x<y>z", "&amp;", "орындалмады", "\"тырнақша\""];

/** A text of exactly `length` characters, in paragraphs, different for each `seed`. */
function longText(length: number, seed: number): string {
  let text = "";
  for (let i = 0; text.length < length; i++) text += WORDS[(i * 7 + seed) % WORDS.length] + (i % 97 === 96 ? "\n\n" : " ");
  return `${text.slice(0, length - 1).trimEnd()}.`.padEnd(length, ".");
}

const APPEAL_TEXT = longText(9_000, 1);
const SUPPLEMENTS = [longText(5_000, 2), longText(2_500, 3)];

/** The numbered parts the bot sent after message `after`, once all of them are there. */
const PART = /^(\d+)\/(\d+)\n/;
const partsIn = (view: ChatView, after: number) => view.messages.filter((m) => m.from === "bot" && m.message_id > after && PART.test(m.text));

async function readFullText(u: SandboxUser, label: string): Promise<string[]> {
  const after = (await u.lastBot()).message_id;
  await u.press(label);
  const view = await u.waitFor((v) => {
    const parts = partsIn(v, after);
    return parts.length > 0 && parts.length === Number(PART.exec(parts[0]!.text)![2]);
  }, 20_000);
  return partsIn(view, after).map((m) => m.text);
}

/** Paragraph and word breaks where a message ends are not the reader's text: compared without them. */
const words = (text: string) => text.replace(/\s+/g, " ").trim();

let h: Harness;
let owner: Actor;
let appealId: number;
let number: string;
beforeAll(async () => {
  h = await startHarness([citizen(CITIZEN, "kk"), citizen(REGISTRAR, "ru"), citizen(REVIEWER, "kk"), citizen(OTHER_REVIEWER, "kk"), citizen(HEAD, "kk")], { floodLimit: 0 });
  const core = h.app().core;
  owner = await signedUpCitizen(core, CITIZEN);
  await staffMember(core, REGISTRAR, "registrar");
  await staffMember(core, REVIEWER, "reviewer");
  await staffMember(core, OTHER_REVIEWER, "reviewer");
  await staffMember(core, HEAD, "head");
  ({ appealId, number } = await registerAppeal(core, owner, { draftId: randomUUID(), type: "complaint", text: APPEAL_TEXT, language: "kk", replyChannel: "chat" }));
  for (const text of SUPPLEMENTS) {
    h.clock.advance(60 * 60_000);
    await supplementAppeal(core, owner, { appealId, text });
  }
});
afterAll(() => h.dispose());

describe(`the whole text of an appeal for staff on ${dbKind}`, () => {
  it("gives the registrar the whole appeal from the queue, whose item shows only its start", async () => {
    const registrar = h.user(REGISTRAR);
    await registrar.send("/queue");
    const item = await registrar.waitForBot(number);
    expect(item.text.length).toBeLessThan(4_000);
    const parts = await readFullText(registrar, shown("ru", "staff.full_text.button"));
    expect(parts[0]).toContain(shown("ru", "staff.full_text.appeal", { number }));
    expect(parts.some((part) => part.includes(shown("ru", "staff.full_text.supplement", { index: 2, at: "02.03.2026 11:00" })))).toBe(true);
    expect(parts.at(-1)!.endsWith(SUPPLEMENTS[1]!.slice(-40))).toBe(true);
  });

  it("reads the reviewer a 9,000-character appeal and its two supplements whole, in numbered parts that fit Telegram", async () => {
    const core = h.app().core;
    const registrarActor = await staffMember(core, REGISTRAR, "registrar");
    const reviewerActor = await staffMember(core, REVIEWER, "reviewer");
    await classifyAppeal(core, registrarActor, { appealId, category: "court_proceedings", holderUserId: reviewerActor.userId });

    const reviewer = h.user(REVIEWER);
    await reviewer.send("/appeals");
    await reviewer.press(number);
    const card = await reviewer.waitForBot(APPEAL_TEXT.slice(0, 40));
    expect(card.text).not.toContain(APPEAL_TEXT.slice(-40));

    const parts = await readFullText(reviewer, shown("kk", "staff.full_text.button"));
    expect(parts.length).toBeGreaterThan(3);
    parts.forEach((part, i) => {
      expect(part.startsWith(`${i + 1}/${parts.length}\n`)).toBe(true);
      expect(part.length).toBeLessThanOrEqual(4_096);
    });
    const whole = parts.map((part) => part.replace(PART, "")).join("\n");
    const expected = [
      shown("kk", "staff.full_text.appeal", { number }),
      APPEAL_TEXT,
      shown("kk", "staff.full_text.supplement", { index: 1, at: "02.03.2026 10:00" }),
      SUPPLEMENTS[0]!,
      shown("kk", "staff.full_text.supplement", { index: 2, at: "02.03.2026 11:00" }),
      SUPPLEMENTS[1]!,
    ].join("\n\n");
    expect(words(whole)).toBe(words(expected));
  });

  it("gives the Head the whole appeal from the approval screen", async () => {
    const reviewerActor = await staffMember(h.app().core, REVIEWER, "reviewer");
    await submitDraft(h.app().core, reviewerActor, { appealId, text: "Жауап жобасы.", outcome: "explained" });
    const head = h.user(HEAD);
    await head.send("/approvals");
    await head.waitForBot("Жауап жобасы.");
    const parts = await readFullText(head, shown("kk", "staff.full_text.button"));
    expect(words(parts.map((part) => part.replace(PART, "")).join("\n"))).toContain(words(SUPPLEMENTS[1]!));
  });

  it("refuses the whole text to a reviewer who does not hold the appeal, and tells an applicant the button is not theirs", async () => {
    for (const [id, key] of [[OTHER_REVIEWER, "errors.forbidden"], [CITIZEN, "errors.staff_only"]] as const) {
      const u = h.user(id);
      await u.send("/help");
      const help = await u.waitForBot(shown("kk", "help.text").slice(0, 20));
      await u.pressData(help.message_id, `ft1:show:${appealId}`);
      await u.waitFor((v) => v.toasts.some((t) => t.text === shown("kk", key)));
      const after = await u.messages();
      expect(after.filter((m) => m.message_id > help.message_id)).toEqual([]);
    }
  });
});
