import type { GuideChat } from "../chat.js";
import { APPLICANT, demoPerson } from "../people.js";

const APPEAL_NUMBER = /^ЖТ-\d{4}-\d{6}/;
/** A demo official whom one books by request, so the reception desk has something to decide. */
const OFFICIAL = { kk: "Демо: Сәрсенов Ерболат", ru: "Демо: Сарсенов Ерболат" } as const;
const SLOT = /^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/;

/** The applicant signs up, submits an appeal, looks it up and asks for personal reception. */
export async function citizenWalk(chat: GuideChat): Promise<void> {
  const lang = chat.language === "kk" ? "kk" : "ru";
  const me = APPLICANT[lang];
  chat.role("citizen");
  await chat.actAs(demoPerson("citizen", lang).first_name);

  await chat.step("language", async () => {
    await chat.type("/start");
    await chat.waitFor({ key: "language.choose" });
    await chat.shot("language");
  });
  await chat.step("consent", async () => {
    await chat.press(new RegExp(`${chat.label("language.name")}$`));
    await chat.waitFor({ key: "consent.title" });
    await chat.shot("consent");
  });
  await chat.step("who applies", async () => {
    await chat.press({ key: "consent.accept" });
    await chat.waitFor({ key: "signup.kind.ask" });
    await chat.shot("kind");
  });
  await chat.step("name and IIN", async () => {
    await chat.press({ key: "signup.kind.individual" });
    await chat.waitFor({ key: "signup.full_name.ask" });
    await chat.type(me.fullName);
    await chat.waitFor({ key: "signup.iin.ask" });
    await chat.shot("iin");
  });
  await chat.step("phone", async () => {
    await chat.type(me.iin);
    await chat.waitFor({ key: "signup.phone.ask" });
    await chat.shot("phone");
  });
  await chat.step("main menu", async () => {
    await chat.pressReply({ key: "signup.phone.button" });
    await chat.waitFor({ key: "menu.title" });
    await chat.shot("menu");
  });
  await submitAppeal(chat, me.appeal);
  await chat.step("my appeals", async () => {
    await chat.expectNew({ key: "menu.title" }, () => chat.type("/start"));
    await chat.press({ key: "menu.my_appeals" });
    await chat.waitFor({ key: "appeal.list.title" });
    await chat.press(APPEAL_NUMBER);
    await chat.waitFor({ key: "appeal.detail.history" });
    await chat.shot("appeal");
  });
  await askForReception(chat, OFFICIAL[lang], me.matter);
}

async function submitAppeal(chat: GuideChat, text: string): Promise<void> {
  await chat.step("appeal type", async () => {
    await chat.press({ key: "menu.submit_appeal" });
    await chat.waitFor({ key: "appeal.intake.ask_type" });
    await chat.shot("appeal-type");
  });
  await chat.step("appeal text", async () => {
    await chat.press({ key: "appeal.type.request" });
    await chat.waitFor({ key: "appeal.intake.ask_text" });
    await chat.shot("appeal-text");
  });
  await chat.step("attachments", async () => {
    await chat.type(text);
    await chat.waitFor({ key: "appeal.intake.ask_files" });
    await chat.shot("appeal-files");
  });
  await chat.step("answer language and channel", async () => {
    await chat.press({ key: "appeal.intake.files_skip" });
    await chat.waitFor({ key: "appeal.intake.ask_language" });
    await chat.press({ key: `appeal.language.${chat.language}` });
    await chat.waitFor({ key: "appeal.intake.ask_channel" });
    await chat.shot("appeal-channel");
  });
  await chat.step("summary", async () => {
    await chat.press({ key: "appeal.intake.channel_chat" });
    await chat.waitFor({ key: "appeal.intake.confirm" });
    await chat.shot("appeal-summary");
  });
  await chat.step("receipt", async () => {
    await chat.press({ key: "appeal.intake.confirm" });
    await chat.waitFor({ key: "appeal.intake.receipt" });
    await chat.shot("appeal-receipt");
  });
}

async function askForReception(chat: GuideChat, official: string, matter: string): Promise<void> {
  await chat.step("reception: choose an official", async () => {
    await chat.expectNew({ key: "menu.title" }, () => chat.type("/start"));
    await chat.press({ key: "menu.reception" });
    await chat.press({ key: "reception.my.book" });
    await chat.waitFor({ key: "reception.book.choose_official" });
    await chat.shot("reception-official");
  });
  await chat.step("reception: the matter", async () => {
    await chat.press(official);
    await chat.waitFor({ key: "reception.book.ask_matter" });
    await chat.type(matter);
    await chat.waitFor({ key: "reception.book.ask_link" });
    await chat.press({ key: "reception.book.no_link" });
    await chat.waitFor({ key: "reception.book.choose_preferred" });
    await chat.shot("reception-time");
  });
  await chat.step("reception: request sent", async () => {
    await chat.press(SLOT);
    await chat.waitFor({ key: "reception.book.requested" });
    await chat.shot("reception-sent");
  });
}

/** Later: the signed answer arrives, the applicant rates it, and the reception desk's confirmation is in the chat. */
export async function citizenAnswerWalk(chat: GuideChat): Promise<void> {
  chat.role("citizen");
  await chat.actAs(demoPerson("citizen", chat.language === "kk" ? "kk" : "ru").first_name);
  await chat.step("the answer", async () => {
    await chat.waitFor({ key: "appeal.notice.answered" });
    await chat.shot("answer");
  });
  await chat.step("rating the answer", async () => {
    await chat.expectNew({ key: "menu.title" }, () => chat.type("/start"));
    await chat.press({ key: "menu.my_appeals" });
    await chat.press(APPEAL_NUMBER);
    await chat.waitFor({ key: "appeal.rate.ask" });
    await chat.shot("rate");
  });
  await chat.step("reception confirmed", async () => {
    await chat.press({ key: "appeal.rate.satisfied" });
    await chat.waitFor({ key: "appeal.history.rated.satisfied" });
    await chat.expectNew({ key: "menu.title" }, () => chat.type("/start"));
    await chat.press({ key: "menu.reception" });
    await chat.waitFor({ key: "reception.status.booked" });
    await chat.shot("reception-booked");
  });
}
