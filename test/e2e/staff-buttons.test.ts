import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonFamilies } from "../../bot/buttons/codec.js";
import { returnDraft, submitDraft } from "../../core/appeals/answer.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { registerAppeal } from "../../core/appeals/register.js";
import { appeals, users } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { pressesOfFamily } from "../support/button-presses.js";
import type { SandboxUser } from "../support/sandbox-user.js";
import { shown } from "../support/texts.js";

const CITIZEN = 966001;
const STRANGER = 966002;
const REGISTRAR = 966101;
const REVIEWER = 966102;
const HEAD = 966103;

/** The families of buttons citizens are given (a list's own among them); every other one is a staff button. */
const CITIZEN_FAMILIES: string[] = ["su", "pf", "mn", "lg", "in", "ma", "sp", "cs", "rco", "ls", "rc", "an", "tk"];
const HOLDER = "Ерлан Жұмабеков";
const RETURN_COMMENT = "Ішкі ескерту: заң бабы көрсетілмеген";

let h: Harness;
let appealId: number;
let number: string;
beforeAll(async () => {
  // The citizen presses a hundred buttons in a row here, as no person would.
  h = await startHarness([citizen(CITIZEN, "kk"), citizen(STRANGER, "ru"), citizen(REGISTRAR, "ru"), citizen(REVIEWER, "kk"), citizen(HEAD, "kk")], { floodLimit: 0 });
  const core = h.app().core;
  const owner = await signedUpCitizen(core, CITIZEN);
  await signedUpCitizen(core, STRANGER, { fullName: "Петров Иван", iin: "951231400062" });
  const registrar = await staffMember(core, REGISTRAR, "registrar");
  const reviewer = await staffMember(core, REVIEWER, "reviewer");
  const head = await staffMember(core, HEAD, "head");
  await core.db.update(users).set({ fullName: HOLDER }).where(eq(users.id, reviewer.userId));
  ({ appealId, number } = await registerAppeal(core, owner, { draftId: randomUUID(), type: "complaint", text: "Сот шешімі орындалмады.", language: "kk", replyChannel: "chat" }));
  await classifyAppeal(core, registrar, { appealId, category: "court_proceedings", holderUserId: reviewer.userId });
  await submitDraft(core, reviewer, { appealId, text: "Жауап жобасы.", outcome: "explained" });
  await returnDraft(core, head, { appealId, comment: RETURN_COMMENT });
});
afterAll(() => h.dispose());

async function refusedWith(u: SandboxUser, messageId: number, data: string, key: string, language: "kk" | "ru"): Promise<void> {
  await u.pressData(messageId, data);
  await u.waitFor((v) => v.toasts.some((t) => t.text === shown(language, key))).catch(() => {
    throw new Error(`${data}: no "${key}" notice`);
  });
}

describe(`staff buttons pressed by a citizen on ${dbKind}`, () => {
  it("tells the owner of an appeal that every staff button is not for them, and shows nothing of the staff's work", async () => {
    const u = h.user(CITIZEN);
    // The notice that the review began has arrived; nothing after it may come from these presses.
    await u.waitForBot(number);
    await u.send("/help");
    const help = await u.waitForBot(shown("kk", "help.text").slice(0, 20));
    const botMessagesBefore = (await u.messages()).filter((m) => m.from === "bot").length;

    const staffFamilies = buttonFamilies().filter((f) => !CITIZEN_FAMILIES.includes(f.prefix));
    expect(staffFamilies.map((f) => `${f.prefix}${f.version}`)).toEqual(
      expect.arrayContaining(["sc2", "rq2", "ad2", "ap2", "dr2", "ex2", "bp2", "dg2", "ct2", "cr2", "rs2", "os2"]),
    );
    const presses = staffFamilies.flatMap((f) => pressesOfFamily(f, appealId));
    expect(presses).toContain(`sc2:hist:${appealId}`);
    for (const data of presses) await refusedWith(u, help.message_id, data, "errors.staff_only", "kk");

    const botMessages = (await u.messages()).filter((m) => m.from === "bot");
    expect(botMessages).toHaveLength(botMessagesBefore);
    for (const m of botMessages) {
      expect(m.text).not.toContain(HOLDER);
      expect(m.text).not.toContain(RETURN_COMMENT);
    }
    const [row] = await h.app().core.db.select({ state: appeals.state }).from(appeals).where(eq(appeals.id, appealId));
    expect(row!.state).toBe("in_review");
  });

  it("tells another applicant that a button naming someone else's appeal is not for them, never that no appeal has that number", async () => {
    const u = h.user(STRANGER);
    await u.send("/help");
    const help = await u.waitForBot(shown("ru", "help.text").slice(0, 20));
    const staffFamilies = buttonFamilies().filter((f) => !CITIZEN_FAMILIES.includes(f.prefix));
    for (const family of staffFamilies) await refusedWith(u, help.message_id, pressesOfFamily(family, appealId)[0]!, "errors.staff_only", "ru");
    // The owner's own buttons, forged by someone else: the same answer, not "no appeal of yours has this number".
    for (const action of ["open", "withdraw", "supplement", "complain"]) await refusedWith(u, help.message_id, `ma2:${action}:${appealId}:0`, "errors.not_your_button", "ru");
    const [row] = await h.app().core.db.select({ state: appeals.state }).from(appeals).where(eq(appeals.id, appealId));
    expect(row!.state).toBe("in_review");
  });

  it("still tells a citizen who types a staff command that it is not theirs", async () => {
    const u = h.user(CITIZEN);
    await u.send("/appeals");
    await u.waitForBot(shown("kk", "errors.forbidden"));
  });

  it("takes an id written any other way than the bot writes it for an out-of-date button, for staff and citizens alike", async () => {
    const registrar = h.user(REGISTRAR);
    await registrar.send("/appeals");
    const list = await registrar.waitForBot(number);
    for (const id of [`0x${appealId.toString(16)}`, `+${appealId}`, `0${appealId}`, `${appealId}e0`]) {
      await refusedWith(registrar, list.message_id, `sc2:open:${id}`, "errors.stale_button", "ru");
    }
    const u = h.user(CITIZEN);
    const last = await u.lastBot();
    for (const id of ["0x1", "+1", "01"]) await refusedWith(u, last.message_id, `ma2:open:${id.replace("1", String(appealId))}:0`, "errors.stale_button", "kk");
    // Written as the bot writes it, the registrar's button opens the card.
    await registrar.pressData(list.message_id, `sc2:open:${appealId}`);
    await registrar.waitForBot(HOLDER);
  });
});
