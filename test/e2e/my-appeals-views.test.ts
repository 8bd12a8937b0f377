import { describe, expect, it } from "vitest";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { eventsOf } from "../../core/appeals/events.js";
import { forwardInternal } from "../../core/appeals/forward.js";
import { activeFlows } from "../../core/flows/active.js";
import { identify } from "../../core/people/users.js";
import { signedUpCitizen } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { signUp } from "../support/journeys.js";
import { shown } from "../support/texts.js";
import { ANSWER, DUE, historyLine, labels, myAppealsBot, RECEIVED, TEXT, toast } from "./my-appeals-fixtures.js";

const bot = myAppealsBot([950001, 950002, 950003, 950008, 950009, 950010]);
const { core, register, answered } = bot;

describe(`"My appeals" through the Bot API on ${dbKind}: the list and an appeal's page`, () => {
  it("lists the citizen's appeals newest first, five a page, paging and opening them in place", async () => {
    const u = bot.h.user(950001);
    await signUp(u, "ru", "Ким Анна", "951231400062");
    const me = await identify(core(), { telegramId: 950001 });
    const numbers: string[] = [];
    for (let i = 0; i < 7; i++) numbers.push((await register(me)).number);
    const [n1, n2, n3, n4, n5, n6, n7] = numbers as [string, string, string, string, string, string, string];

    await u.send("/start");
    const menu = await u.waitForBot(shown("ru", "menu.title"));
    await u.press(shown("ru", "menu.my_appeals"), { messageId: menu.message_id });
    const first = await u.waitForBot(shown("ru", "appeal.list.title", { total: 7 }));
    expect(first.message_id).toBe(menu.message_id);
    expect(first.text).toContain(shown("ru", "appeal.list.page", { page: 1, pages: 2 }));
    for (const number of [n7, n6, n5, n4, n3]) expect(first.text).toContain(shown("ru", "appeal.list.line", { number, state: "registered", due: DUE }));
    expect(first.text).not.toContain(n2);
    expect(labels(first)).toEqual([n7, n6, n5, n4, n3, "›", shown("ru", "common.menu")]);

    await u.press("›");
    const second = await u.waitForBot(shown("ru", "appeal.list.page", { page: 2, pages: 2 }));
    expect(second.message_id).toBe(menu.message_id);
    expect(labels(second)).toEqual([n2, n1, "‹", shown("ru", "common.menu")]);

    await u.press(n1);
    const detail = await u.waitForBot(shown("ru", "appeal.detail.head", { number: n1, type: "application", state: "registered", received: RECEIVED, due: DUE, files: 0, text: TEXT }));
    expect(detail.message_id).toBe(menu.message_id);
    await u.press(shown("ru", "appeal.detail.back"));
    const back = await u.waitForBot(shown("ru", "appeal.list.page", { page: 2, pages: 2 }));
    expect(back.message_id).toBe(menu.message_id);
  });

  it("shows an appeal's detail and history in Kazakh, opened by its number typed in any case", async () => {
    const u = bot.h.user(950002);
    const me = await signedUpCitizen(core(), 950002);
    const { appealId, number } = await register(me, "kk", "Сот мәжілісі екі рет себепсіз кейінге қалдырылды.");
    bot.h.clock.set("2026-03-03T10:30:00+05:00");
    await classifyAppeal(core(), bot.registrar, { appealId, category: "court_proceedings" });
    bot.h.clock.set("2026-03-04T11:00:00+05:00");
    await forwardInternal(core(), bot.registrar, { appealId, unit: "Кадр жұмысы <бөлімі>" });
    bot.h.clock.set("2026-03-02T09:00:00+05:00");

    await u.send(number.toLowerCase());
    const detail = await u.waitForBot(shown("kk", "appeal.detail.head", {
      number,
      type: "application",
      state: "forwarded_internal",
      received: RECEIVED,
      due: DUE,
      files: 0,
      text: "Сот мәжілісі екі рет себепсіз кейінге қалдырылды.",
    }));
    const history = [
      shown("kk", "appeal.detail.history"),
      historyLine("kk", "registered"),
      historyLine("kk", "classified", {}, "03.03.2026 10:30"),
      historyLine("kk", "forwarded_internal", { unit: "Кадр жұмысы <бөлімі>" }, "04.03.2026 11:00"),
    ];
    expect(detail.text).toContain(history.join("\n"));
    expect(labels(detail)).toEqual([
      shown("kk", "appeal.supplement.button"),
      shown("kk", "appeal.withdraw.button"),
      shown("kk", "appeal.detail.back"),
      shown("kk", "common.menu"),
    ]);
  });

  it("shows an answered appeal with its answer in Russian, opened by a deep link, with rating and complaint buttons", async () => {
    const u = bot.h.user(950003);
    const me = await signedUpCitizen(core(), 950003);
    const { number } = await answered(me);

    await u.send(`/start appeal_${number}`);
    const detail = await u.waitForBot(shown("ru", "appeal.detail.head", { number, type: "application", state: "answered", received: RECEIVED, due: DUE, files: 0, text: TEXT }));
    expect(detail.text).toContain([shown("ru", "appeal.detail.history"), historyLine("ru", "registered"), historyLine("ru", "classified"), historyLine("ru", "answered")].join("\n"));
    expect(detail.text).toContain(shown("ru", "appeal.detail.answer", { date: "02.03.2026", outcome: "explained", text: ANSWER }));
    expect(detail.text).toContain(shown("ru", "appeal.rate.ask"));
    expect(labels(detail)).toEqual([
      shown("ru", "appeal.rate.satisfied"),
      shown("ru", "appeal.rate.unsatisfied"),
      shown("ru", "appeal.complain.button"),
      shown("ru", "appeal.detail.back"),
      shown("ru", "common.menu"),
    ]);
  });

  it("never shows or changes another citizen's appeal: typed number, deep link or forged button", async () => {
    const owner = await signedUpCitizen(core(), 950009);
    const { appealId, number } = await register(owner);
    const u = bot.h.user(950008);
    await signedUpCitizen(core(), 950008);

    await u.send(number);
    const refusal = await u.waitForBot(shown("kk", "errors.appeal_not_found"));
    await u.send(`/start appeal_${number}`);
    await u.waitForBot(shown("kk", "errors.appeal_not_found"));
    const forged = [...["open", "withdraw", "withdraw_yes", "supplement", "complain"].map((action) => `ma2:${action}:${appealId}:0`), `ma2:rate:${appealId}:0:satisfied`];
    for (const data of forged) {
      await u.pressData(refusal.message_id, data);
      await toast(u, shown("kk", "errors.not_your_button"));
    }
    expect((await u.messages()).filter((m) => m.from === "bot" && m.text.includes(number))).toEqual([]);
    expect((await eventsOf(core().db, appealId)).map((e) => e.kind)).toEqual(["registered"]);
    expect(await activeFlows(core(), (await identify(core(), { telegramId: 950008 })).userId)).toEqual([]);

    // Their own list is empty, with the way to submit one.
    await u.send("/start");
    await u.press(shown("kk", "menu.my_appeals"));
    const empty = await u.waitForBot(shown("kk", "appeal.list.empty"));
    expect(labels(empty)).toEqual([shown("kk", "menu.submit_appeal"), shown("kk", "common.menu")]);
  });

  it("splits a long answer on paragraph breaks, each message within Telegram's limit, buttons under the last", async () => {
    const u = bot.h.user(950010);
    const me = await signedUpCitizen(core(), 950010);
    const paragraphs = Array.from({ length: 12 }, (_, i) => `${i + 1}. ${"Сот әкімшілігі түсіндіреді. ".repeat(25).trim()}`);
    const { number } = await answered(me, paragraphs.join("\n\n"));

    // The answer's own notice and its letter arrive first; what follows the typed number is the detail.
    await u.waitFor((v) => v.messages.some((m) => m.from === "bot" && m.document?.mime_type === "application/pdf"));
    await u.send(number);
    const last = await u.waitForBot(shown("kk", "appeal.rate.ask"));
    const title = shown("kk", "appeal.detail.head", { number, type: "application", state: "answered", received: RECEIVED, due: DUE, files: 0, text: TEXT }).split("\n")[0]!;
    const messages = (await u.messages()).filter((m) => m.from === "bot");
    const parts = messages.slice(messages.findIndex((m) => m.text.startsWith(title)));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.at(-1)!.message_id).toBe(last.message_id);
    for (const part of parts) expect(part.text.length).toBeLessThanOrEqual(4096);
    expect(parts.slice(0, -1).every((m) => labels(m).length === 0)).toBe(true);
    expect(labels(last)).toContain(shown("kk", "appeal.rate.satisfied"));
    for (const paragraph of paragraphs) expect(parts.some((m) => m.text.includes(paragraph))).toBe(true);
  });
});
