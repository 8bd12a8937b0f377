import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitDraft } from "../../core/appeals/answer.js";
import { myAppeal } from "../../core/appeals/citizen-view.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { registerAppeal } from "../../core/appeals/register.js";
import type { Actor } from "../../core/shared/roles.js";
import { outbox } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import type { ChatMessage } from "../support/sandbox-user.js";
import { shown } from "../support/texts.js";

let h: Harness;
let owner: Actor;
let reviewer: Actor;
beforeAll(async () => {
  h = await startHarness([citizen(960001, "kk"), citizen(960101, "ru"), citizen(960102, "ru"), citizen(960103, "kk"), citizen(960104, "ru")]);
  const core = h.app().core;
  owner = await signedUpCitizen(core, 960001);
  await staffMember(core, 960101, "registrar");
  reviewer = await staffMember(core, 960102, "reviewer");
  await staffMember(core, 960103, "head");
  await staffMember(core, 960104, "head");
});
afterAll(() => h.dispose());

/** An appeal classified to the reviewer with a draft submitted, as the Head finds it. */
async function draftedAppeal(text: string): Promise<{ appealId: number; number: string }> {
  const core = h.app().core;
  const registrar = await staffMember(core, 960101, "registrar");
  const receipt = await registerAppeal(core, owner, { draftId: randomUUID(), type: "request", text: "Сот отырысының күнін хабарлауыңызды сұраймын.", language: "kk", replyChannel: "chat" });
  await classifyAppeal(core, registrar, { appealId: receipt.appealId, category: "court_proceedings", holderUserId: reviewer.userId });
  await submitDraft(core, reviewer, { appealId: receipt.appealId, text, outcome: "explained" });
  return receipt;
}

const isBotPdf = (m: ChatMessage) => m.from === "bot" && m.document?.mime_type === "application/pdf";

describe(`the Head's approvals in chat on ${dbKind}`, () => {
  it("tells the Head, shows the draft with its letter, returns it with a quick reason, then approves the new draft", async () => {
    const head = h.user(960103);
    const { appealId, number } = await draftedAppeal("Сот отырысы 10 сәуірге белгіленді.");
    await head.waitFor((v) => v.messages.some((m) => m.text.includes(shown("kk", "staff.notice.draft_submitted", { number }).slice(0, 30))));
    await head.send("/approvals");
    const item = await head.waitForBot(number);
    expect(item.text).toContain("Сот отырысы 10 сәуірге белгіленді.");
    expect((await head.messages()).some(isBotPdf)).toBe(true);
    await head.press(shown("kk", "staff.approval.return"));
    await head.press(shown("kk", "staff.approval.quick.q1"));
    await head.waitForBot(shown("kk", "staff.approval.returned", { number, comment: shown("kk", "staff.approval.quick.q1") }));
    expect((await myAppeal(h.app().core, owner, { appealId })).appeal.state).toBe("in_review");

    // The old Approve button must not sign the draft that replaces the returned one.
    await submitDraft(h.app().core, reviewer, { appealId, text: "Сот отырысы Астана қалалық сотында 10 сәуірге белгіленді (АПК 76-бап).", outcome: "explained" });
    await head.pressData(item.message_id, item.inline_keyboard!.flat()[0]!.callback_data!);
    await head.waitFor((v) => v.toasts.some((t) => t.text === shown("kk", "errors.stale_button")));

    await head.send("/approvals");
    await head.waitForBot("АПК 76-бап");
    await head.press(shown("kk", "staff.approval.approve"));
    const approved = await head.waitForBot(/ЖБ-2026-\d{6}/);
    expect(approved.text).toContain(number);
    await h.user(960001).waitFor((v) => v.messages.some(isBotPdf));
    expect((await myAppeal(h.app().core, owner, { appealId })).appeal.state).toBe("answered");
  });

  it("lets exactly one of two approvers sign when both tap Approve at once", async () => {
    const { appealId, number } = await draftedAppeal("Екі басшы бір уақытта басады.");
    const [a, b] = [h.user(960103), h.user(960104)];
    // The approval screen is the message with the number and buttons; the "new draft" notice may come before or after it.
    const isItem = (m: ChatMessage) => m.from === "bot" && m.text.includes(number) && (m.inline_keyboard?.length ?? 0) > 0;
    const items = await Promise.all(
      [a, b].map(async (u) => {
        await u.send("/approvals");
        return (await u.waitFor((v) => v.messages.some(isItem))).messages.find(isItem)!;
      }),
    );
    await Promise.all([a, b].map((u, i) => u.pressData(items[i]!.message_id, items[i]!.inline_keyboard!.flat()[0]!.callback_data!)));
    const signed = (u: typeof a) => u.waitFor((v) => v.messages.some((m) => m.from === "bot" && m.text.includes(number) && /ЖБ-2026-\d{6}/.test(m.text)) || v.toasts.length > 0);
    const [viewA, viewB] = await Promise.all([signed(a), signed(b)]);
    const winners = [viewA, viewB].filter((v) => v.messages.some((m) => m.text.includes(number) && /ЖБ-2026-\d{6}/.test(m.text)));
    expect(winners).toHaveLength(1);
    const refusals = [viewA, viewB].flatMap((v) => v.toasts.map((t) => t.text));
    expect(refusals).toHaveLength(1);
    expect([shown("kk", "errors.already_approved"), shown("ru", "errors.already_approved")]).toContain(refusals[0]);
    // One answer is written for the citizen (after the notice that the review began), and it arrives.
    const notices = (await h.app().core.db.select().from(outbox)).filter((o) => o.chatId === 960001 && (o.payload as { params: { number?: string } }).params.number === number);
    expect(notices.map((n) => (n.payload as { key: string }).key).sort()).toEqual(["appeal.notice.answered", "appeal.notice.in_review"]);
    await h.user(960001).waitFor((v) => v.messages.some((m) => m.from === "bot" && m.text.includes("Екі басшы")));
    expect((await myAppeal(h.app().core, owner, { appealId })).appeal.state).toBe("answered");
  });
});
