import { escapeRegExp, type GuideChat } from "../chat.js";
import { demoPerson } from "../people.js";

/** A control item's button in the list: its number and due date. */
const CONTROL_ITEM = /^\S+-\d{4}-\d{6} · \d{2}\.\d{2}\.\d{4}$/;

const REPORT = {
  kk: "Ұсыныстар дайындалып, Құжат айналымы секторына жіберілді.",
  ru: "Предложения подготовлены и переданы в сектор документооборота.",
} as const;

/** The executor gets a control assignment in chat and reports its execution. */
export async function executorWalk(chat: GuideChat): Promise<void> {
  chat.role("executor");
  await chat.actAs(demoPerson("executor").first_name);
  await chat.step("assignment arrives", async () => {
    await chat.waitFor({ key: "control.notice.assigned" });
    await chat.shot("assigned");
  });
  await chat.step("my control items", async () => {
    await chat.type("/control");
    await chat.waitFor({ key: "control.my.title" });
    await chat.shot("control");
  });
  await chat.step("one control item", async () => {
    // The item's heading and number; the list's title starts with the same words.
    const heading = new RegExp(`${escapeRegExp(chat.lead({ key: "control.my.item" }))}\\s+\\S+-\\d{4}-\\d{6}`);
    await chat.expectNew(heading, () => chat.press(CONTROL_ITEM));
    await chat.shot("item");
  });
  await chat.step("report", async () => {
    await chat.press({ key: "control.button.report" });
    await chat.waitFor({ key: "control.answer.ask_report" });
    await chat.type(REPORT[chat.language === "kk" ? "kk" : "ru"]);
    await chat.waitFor({ key: "control.answer.reported" });
    await chat.shot("reported");
  });
}

/** Later: the registrar has accepted the report. */
export async function executorAcceptedWalk(chat: GuideChat): Promise<void> {
  chat.role("executor");
  await chat.actAs(demoPerson("executor").first_name);
  await chat.step("report accepted", async () => {
    await chat.waitFor({ key: "control.notice.accepted" });
    await chat.shot("accepted");
  });
}
