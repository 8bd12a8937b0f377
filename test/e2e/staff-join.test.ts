import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STAFF_COMMANDS } from "../../bot/commands.js";
import { identify } from "../../core/people/users.js";
import { createInvite } from "../../core/staff/invites.js";
import { officialNameOf } from "../../core/staff/official-name.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { shown } from "../support/texts.js";

const NEWCOMER = 961001;
const CITIZEN = 961002;
const LATECOMER = 961003;
const LINKED = 961004;
const GUESSER = 961005;
const NAMED = 961006;

let h: Harness;
beforeAll(async () => {
  h = await startHarness([
    { ...citizen(NEWCOMER, "ru", "Айгүл"), last_name: "Серікова" },
    citizen(CITIZEN, "ru"),
    citizen(LATECOMER, "kk"),
    citizen(LINKED, "en", "Dana"),
    citizen(GUESSER, "ru", "Марат"),
    citizen(NAMED, "kk", "Бауыржан"),
  ]);
});
afterAll(() => h.dispose());

const invite = (role: "reviewer" | "registrar", unitCode: string, ttlHours = 72) =>
  createInvite(h.app().core, CONSOLE_OPERATOR, { role, unitCode, ttlHours });

describe(`staff joining by invite, end to end on ${dbKind}`, () => {
  it("joins with /join CODE, says the role and unit in the person's language, and gives only that chat the staff menu", async () => {
    const { code } = await invite("reviewer", "appeals_review");
    const newcomer = h.user(NEWCOMER);
    await newcomer.send(`/join ${code}`);
    const reply = await newcomer.waitForBot(
      shown("ru", "staff.join.done", { name: "Айгүл Серікова", role: shown("ru", "staff.roles.reviewer"), unit: "Сектор рассмотрения обращений" }),
    );
    expect(reply.text).toContain("Сектор рассмотрения обращений");
    expect((await identify(h.app().core, { telegramId: NEWCOMER })).role).toBe("reviewer");

    const staffMenu = await newcomer.commands();
    expect(staffMenu.map((c) => c.command)).toEqual([...STAFF_COMMANDS]);
    expect(staffMenu.find((c) => c.command === "appeals")?.description).toBe(shown("ru", "commands.appeals"));

    const someone = h.user(CITIZEN);
    await someone.send("/help");
    await someone.waitForBot(shown("ru", "help.text").slice(0, 20));
    const citizenMenu = (await someone.commands()).map((c) => c.command);
    expect(citizenMenu).toEqual(["start", "profile", "language", "help", "cancel"]);
    expect(citizenMenu).not.toContain("appeals");
  });

  it("joins through the deep link t.me/<bot>?start=join_CODE", async () => {
    const { code } = await invite("registrar", "document_flow");
    const linked = h.user(LINKED);
    await linked.send(`/start join_${code}`);
    await linked.waitForBot(shown("en", "staff.join.done", { name: "Dana", role: shown("en", "staff.roles.registrar"), unit: "Сектор документооборота" }));
    expect((await linked.commands()).map((c) => c.command)).toContain("appeals");
  });

  it("refuses an expired code in the person's language and leaves them a citizen", async () => {
    const { code } = await invite("reviewer", "appeals_review", 1);
    h.clock.advance(2 * 3_600_000);
    const late = h.user(LATECOMER);
    await late.send(`/join ${code}`);
    await late.waitForBot(shown("kk", "errors.invite_expired"));
    expect((await identify(h.app().core, { telegramId: LATECOMER })).role).toBe("citizen");
    expect((await late.commands()).map((c) => c.command)).not.toContain("appeals");
  });

  it("after five wrong codes makes the person wait, says until when in Almaty time, and still counts them after a restart", async () => {
    h.clock.set("2026-03-02T15:00:00+05:00");
    const guesser = h.user(GUESSER);
    for (const code of ["AAAAAAAAAA", "BBBBBBBBBB", "CCCCCCCCCC", "DDDDDDDDDD", "EEEEEEEEEE"]) {
      await guesser.send(`/join ${code}`);
      await guesser.waitForBot(shown("ru", "errors.invite_unknown"));
    }
    const { code } = await invite("reviewer", "appeals_review");
    await h.restart();
    await guesser.send(`/join ${code}`);
    await guesser.waitForBot(shown("ru", "errors.join_locked", { until: "02.03.2026 15:10" }));
    expect((await identify(h.app().core, { telegramId: GUESSER })).role).toBe("citizen");

    h.clock.advance(10 * 60_000 + 1_000);
    await guesser.send(`/join ${code}`);
    await guesser.waitForBot(shown("ru", "staff.join.done", { name: "Марат", role: shown("ru", "staff.roles.reviewer"), unit: "Сектор рассмотрения обращений" }));
  });

  it("asks a new member of staff for the official name letters print, with Back, skips and a refused answer asked again", async () => {
    const { code } = await invite("reviewer", "appeals_review");
    const u = h.user(NAMED);
    await u.send(`/join ${code}`);
    await u.waitForBot(shown("kk", "staff.official_name.ask.surname"));
    await u.send("Исабеков");
    await u.waitForBot(shown("kk", "staff.official_name.ask.first_name"));
    await u.send("Бауыржан 2");
    await u.waitForBot(shown("kk", "errors.official_name_word"));
    await u.send("Бауыржан");
    await u.waitForBot(shown("kk", "staff.official_name.ask.patronymic"));
    await u.press(shown("kk", "common.back"));
    await u.waitForBot(shown("kk", "staff.official_name.ask.first_name"));
    await u.send("Бауыржан");
    await u.press(shown("kk", "staff.official_name.skip"));
    await u.waitForBot(shown("kk", "staff.official_name.ask.position_kk"));
    await u.send("Өтініштерді қарау секторының бас маманы");
    await u.send("Главный специалист сектора рассмотрения обращений");
    await u.waitForBot(shown("kk", "staff.official_name.ask.phone"));
    await u.send("+7 7172 71 00 00");
    await u.waitForBot(shown("kk", "staff.official_name.done", { signature: "Б. Исабеков" }));
    const person = await identify(h.app().core, { telegramId: NAMED });
    expect(await officialNameOf(h.app().core.db, person.userId, "ru")).toEqual({ signature: "Б. Исабеков", position: "Главный специалист сектора рассмотрения обращений", phone: "+7 7172 71 00 00" });
  });
});
