import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { writeOverdueNotices } from "../../core/appeals/deadline-reminders.js";
import { writeMorningDigests } from "../../core/appeals/digest.js";
import { registerAppeal } from "../../core/appeals/register.js";
import type { Actor } from "../../core/shared/roles.js";
import { appeals, outbox, users } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { shown } from "../support/texts.js";

const CITIZEN = 963001;
const REGISTRAR = 963101;
const REVIEWER = 963102;

let h: Harness;
let owner: Actor;
let reviewer: Actor;
let registrar: Actor;
beforeAll(async () => {
  h = await startHarness([citizen(CITIZEN, "kk"), citizen(REGISTRAR, "kk"), citizen(REVIEWER, "ru")]);
  const core = h.app().core;
  owner = await signedUpCitizen(core, CITIZEN);
  registrar = await staffMember(core, REGISTRAR, "registrar");
  reviewer = await staffMember(core, REVIEWER, "reviewer");
  await core.db.update(users).set({ language: "ru" }).where(eq(users.id, reviewer.userId));
});
afterAll(() => h.dispose());

async function heldAppeal(dueOn: string): Promise<string> {
  const core = h.app().core;
  const { appealId, number } = await registerAppeal(core, owner, { draftId: randomUUID(), type: "request", text: "Сот отырысының күнін хабарлауыңызды сұраймын.", language: "kk", replyChannel: "chat" });
  await classifyAppeal(core, registrar, { appealId, category: "court_proceedings", holderUserId: reviewer.userId });
  await core.db.update(appeals).set({ dueOn }).where(eq(appeals.id, appealId));
  return number;
}

const digestsTo = async (chatId: number) => (await h.app().core.db.select().from(outbox)).filter((r) => r.chatId === chatId && r.dedupeKey.startsWith("digest:"));

describe(`the morning digest in chat on ${dbKind}`, () => {
  it("arrives in the staff member's language, is muted with the button, and the overdue notice still comes", async () => {
    const number = await heldAppeal("2026-03-20");
    const u = h.user(REVIEWER);

    // Friday 20 March, 09:00 in Almaty: the appeal is due today.
    h.clock.set("2026-03-20T09:00:00+05:00");
    await writeMorningDigests(h.app().core);
    const digest = await u.waitForBot(shown("ru", "staff.digest.title", { date: "20.03.2026" }));
    expect(digest.text).toContain(shown("ru", "staff.digest.today", { count: 1, list: `${number} — 20.03.2026` }));
    expect(digest.text).toContain(shown("ru", "staff.digest.footer"));

    await u.send("/digest");
    const screen = await u.waitForBot(shown("ru", "staff.digest.setting.active"));
    await u.press(shown("ru", "staff.digest.setting.mute"));
    const muted = await u.waitForBot(shown("ru", "staff.digest.setting.muted"));
    expect(muted.message_id).toBe(screen.message_id);
    expect(muted.inline_keyboard?.flat().map((b) => b.text)).toEqual([shown("ru", "staff.digest.setting.unmute")]);

    // The old "turn off" button, pressed again, changes nothing and says so.
    await u.pressData(muted.message_id, "dg2:off");
    await u.waitFor((v) => v.toasts.some((t) => t.text === shown("ru", "staff.digest.setting.unchanged")));

    // Thursday 26th, after the weekend and the Nauryz holidays: no digest, but the overdue notice.
    h.clock.set("2026-03-26T09:00:00+05:00");
    expect(await writeMorningDigests(h.app().core)).toBe(0);
    expect(await writeOverdueNotices(h.app().core)).toBe(1);
    await u.waitForBot(shown("ru", "staff.reminder.overdue", { number, due: "20.03.2026" }));
    expect((await digestsTo(REVIEWER)).map((r) => r.dedupeKey)).toEqual([`digest:2026-03-20:${reviewer.userId}`]);

    // Turned back on, the next working morning's digest comes again.
    await u.press(shown("ru", "staff.digest.setting.unmute"), { messageId: muted.message_id });
    await u.waitForBot(shown("ru", "staff.digest.setting.active"));
    h.clock.set("2026-03-27T09:00:00+05:00");
    await writeMorningDigests(h.app().core);
    await u.waitForBot(shown("ru", "staff.digest.title", { date: "27.03.2026" }));
  });

  it("tells a citizen that /digest is not theirs, and refuses a forged button", async () => {
    const c = h.user(CITIZEN);
    await c.send("/digest");
    await c.waitForBot(shown("kk", "errors.forbidden"));
    const r = h.user(REGISTRAR);
    await r.send("/digest");
    const screen = await r.waitForBot(shown("kk", "staff.digest.setting.active"));
    await r.pressData(screen.message_id, "dg2:maybe");
    await r.waitFor((v) => v.toasts.some((t) => t.text === shown("kk", "errors.stale_button")));
  });
});
