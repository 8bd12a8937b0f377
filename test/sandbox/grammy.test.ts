import { Bot, InputFile } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SandboxUser } from "../support/sandbox-user.js";
import { BOT, CITIZEN, startSandbox, TOKEN } from "./harness.js";
import type { RunningSandbox } from "./harness.js";

let sandbox: RunningSandbox;
let bot: Bot;
let user: SandboxUser;

/** A small bot exercising what the product's bot relies on; it learns who it is from getMe. */
function buildBot(apiRoot: string): Bot {
  const bot = new Bot(TOKEN, { client: { apiRoot } });
  bot.command("start", (ctx) =>
    ctx.reply(`Сәлем, <b>${ctx.from?.first_name ?? ""}</b>!`, {
      parse_mode: "HTML",
      reply_markup: { inline_keyboard: [[{ text: "Жаңа өтініш", callback_data: "new" }], [{ text: "Сайт", url: "https://example.kz" }]] },
    }),
  );
  bot.command("phone", (ctx) =>
    ctx.reply("Телефон нөміріңізді жіберіңіз", {
      reply_markup: { keyboard: [[{ text: "📱 Нөмірді жіберу", request_contact: true }]], one_time_keyboard: true, resize_keyboard: true },
    }),
  );
  bot.command("file", async (ctx) => {
    await ctx.replyWithDocument(new InputFile(Buffer.from("Шешім мәтіні"), "шешім.txt"), { caption: "<i>Шешім</i>", parse_mode: "HTML" });
  });
  bot.on("message:contact", (ctx) => ctx.reply(`Нөмір: ${ctx.message.contact.phone_number}`, { reply_markup: { remove_keyboard: true } }));
  bot.on("message:document", async (ctx) => {
    const file = await ctx.getFile();
    const response = await fetch(`${apiRoot}/file/bot${TOKEN}/${file.file_path ?? ""}`);
    await ctx.reply(`Алынды: ${ctx.message.document.file_name ?? ""}, ${(await response.arrayBuffer()).byteLength} байт`);
  });
  bot.callbackQuery("new", async (ctx) => {
    await ctx.answerCallbackQuery({ text: "Бастадық" });
    await ctx.editMessageText("Өтініш мәтінін жазыңыз");
  });
  bot.on("callback_query:data", (ctx) => ctx.answerCallbackQuery({ text: `unknown: ${ctx.callbackQuery.data}`, show_alert: true }));
  bot.on("message:text", (ctx) => ctx.reply(`Эхо: ${ctx.message.text}`));
  return bot;
}

beforeEach(async () => {
  sandbox = await startSandbox();
  bot = buildBot(sandbox.apiRoot);
  await bot.init();
  // Stopping a bot that is still starting up races its setup calls.
  await new Promise<void>((onStart) => void bot.start({ timeout: 10, onStart: () => onStart() }));
  user = new SandboxUser(sandbox.baseUrl, CITIZEN);
});

afterEach(async () => {
  await bot.stop();
  await sandbox.close();
});

describe("a grammY bot against the sandbox", () => {
  it("learns its identity from getMe", () => {
    expect(bot.botInfo).toMatchObject({ id: BOT.id, username: BOT.username, is_bot: true });
  });

  it("replies over long polling, and a pressed button edits the message", async () => {
    await user.send("/start");
    const greeting = await user.waitForBot("Сәлем");
    expect(greeting).toMatchObject({ text: "Сәлем, Айгерім!", html: "Сәлем, <b>Айгерім</b>!" });
    await user.press("Жаңа өтініш");
    const edited = await user.waitForBot("Өтініш мәтінін жазыңыз");
    expect(edited).toMatchObject({ message_id: greeting.message_id, edited: true, inline_keyboard: null });
    expect(await user.toasts()).toEqual(["Бастадық"]);
  });

  it("presses a button as soon as the bot shows it", async () => {
    await user.send("/start");
    await user.press("Жаңа өтініш");
    expect((await user.waitForBot("Өтініш мәтінін")).edited).toBe(true);
  });

  it("waits only for replies to the latest action", async () => {
    await user.send("бір");
    await user.waitForBot("Эхо: бір");
    await user.send("екі");
    await expect(user.waitForBot("Эхо: бір", 300)).rejects.toThrow(/Timed out after 300 ms.*\n.*Эхо/);
    expect((await user.waitForBot("Эхо")).text).toBe("Эхо: екі");
  });

  it("delivers forged callbacks and reports missing buttons", async () => {
    await user.send("/start");
    const greeting = await user.waitForBot("Сәлем");
    await user.pressData(greeting.message_id, "approve:999");
    const view = await user.waitFor((chat) => chat.toasts.length > 0);
    expect(view.toasts[0]).toMatchObject({ text: "unknown: approve:999", show_alert: true });
    await expect(user.press("Жоқ батырма", { timeoutMs: 300 })).rejects.toThrow('No inline button Жоқ батырма; visible buttons: #2 "Жаңа өтініш", #2 "Сайт"');
    await expect(user.press("Сайт")).rejects.toThrow("has no callback_data");
  });

  it("shares the user's own contact through a request_contact button", async () => {
    await user.send("/phone");
    await user.waitForBot("Телефон");
    expect(await user.replyKeyboard()).toMatchObject({ keyboard: [[{ text: "📱 Нөмірді жіберу", request_contact: true }]] });
    await user.pressReply(/Нөмірді/);
    await user.waitForBot("Нөмір: +77011234567");
    expect(await user.replyKeyboard()).toBeNull();
    const [, , contact] = await user.messages();
    expect(contact).toMatchObject({ from: "user", kind: "contact", contact: { phone_number: "+77011234567", user_id: CITIZEN } });
  });

  it("uploads with InputFile, and downloads with getFile", async () => {
    await user.send("/file");
    const sent = await user.waitForBot("Шешім");
    expect(sent).toMatchObject({ kind: "document", html: "<i>Шешім</i>", document: { file_name: "шешім.txt", mime_type: "text/plain" } });
    const download = await fetch(`${sandbox.baseUrl}${sent.document?.url ?? ""}`);
    expect(await download.text()).toBe("Шешім мәтіні");

    await user.sendDocument({ name: "арыз.pdf", mime: "application/pdf", bytes: new TextEncoder().encode("%PDF-1.4") });
    expect((await user.waitForBot("Алынды")).text).toBe("Алынды: арыз.pdf, 8 байт");
  });

  it("shows the commands set for the user's language", async () => {
    await bot.api.setMyCommands([{ command: "start", description: "Бастау" }], { scope: { type: "all_private_chats" }, language_code: "kk" });
    await bot.api.setMyCommands([{ command: "start", description: "Start" }]);
    expect(await user.commands()).toEqual([{ command: "start", description: "Бастау" }]);
    expect(await new SandboxUser(sandbox.baseUrl, 900002).commands()).toEqual([{ command: "start", description: "Start" }]);
  });
});
