import type { GuideChat } from "../chat.js";
import { demoPerson } from "../people.js";

const APPEAL_NUMBER = /^ЖТ-\d{4}-\d{6}/;
const ANSWER = {
  kk: "Сот шешімінің көшірмесін істі қараған соттың кеңсесінен немесе «Сот кабинеті» сервисі арқылы алуға болады.",
  ru: "Копию решения суда можно получить в канцелярии суда, рассмотревшего дело, или через сервис «Судебный кабинет».",
} as const;

/** The reviewer opens the appeal given to them, drafts the answer and sends it for signature. */
export async function reviewerWalk(chat: GuideChat): Promise<void> {
  chat.role("reviewer");
  await chat.actAs(demoPerson("reviewer").first_name);
  await chat.step("my appeals", async () => {
    await chat.type("/appeals");
    await chat.waitFor({ key: "staff.appeals.title" });
    await chat.shot("appeals");
  });
  await chat.step("the appeal's card", async () => {
    await chat.press(APPEAL_NUMBER);
    await chat.waitFor({ key: "staff.card.draft" });
    await chat.shot("card");
  });
  await chat.step("start the answer", async () => {
    await chat.press({ key: "staff.card.draft" });
    await chat.waitFor({ key: "staff.draft.start" });
    await chat.shot("draft");
  });
  await chat.step("answer text", async () => {
    await chat.type(ANSWER[chat.language === "kk" ? "kk" : "ru"]);
    await chat.waitFor({ key: "staff.draft.ask_outcome" });
    await chat.shot("outcome");
  });
  await chat.step("letter ready", async () => {
    await chat.press({ key: "appeal.outcome.explained" });
    await chat.waitFor({ key: "staff.draft.submit" });
    await chat.shot("letter");
  });
  await chat.step("sent for signature", async () => {
    await chat.press({ key: "staff.draft.submit" });
    await chat.waitFor({ key: "staff.draft.submitted" });
    await chat.shot("submitted");
  });
}
