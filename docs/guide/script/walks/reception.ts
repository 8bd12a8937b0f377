import type { GuideChat } from "../chat.js";
import { demoPerson } from "../people.js";

/** The reception clerk confirms the applicant's request and looks after the officials' schedules. */
export async function receptionWalk(chat: GuideChat): Promise<void> {
  chat.role("reception");
  await chat.actAs(demoPerson("reception").first_name);
  await chat.step("new request", async () => {
    await chat.type("/reception");
    await chat.waitFor({ key: "reception.desk.decline" });
    await chat.shot("request");
  });
  await chat.step("confirm the time", async () => {
    await chat.press({ key: "reception.desk.confirm" });
    await chat.waitFor({ key: "reception.desk.confirmed" });
    await chat.shot("confirmed");
  });
  await chat.step("day lists", async () => {
    await chat.type("/reception");
    await chat.waitFor({ key: "reception.desk.days" });
    await chat.shot("days");
  });
  await chat.step("schedules", async () => {
    await chat.type("/officials");
    await chat.waitFor({ key: "reception.schedule.title" });
    await chat.shot("officials");
  });
}
