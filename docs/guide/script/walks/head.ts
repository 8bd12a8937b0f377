import type { GuideChat } from "../chat.js";
import { demoPerson } from "../people.js";

/** The Head of Department reads the draft and signs it; the letter goes to the applicant. */
export async function headWalk(chat: GuideChat): Promise<void> {
  chat.role("head");
  await chat.actAs(demoPerson("head").first_name);
  await chat.step("answers to sign", async () => {
    await chat.type("/approvals");
    await chat.waitFor({ key: "staff.approval.approve" });
    await chat.shot("approvals");
  });
  await chat.step("signed", async () => {
    await chat.press({ key: "staff.approval.approve" });
    await chat.waitFor({ key: "staff.approval.approved" });
    await chat.shot("approved");
  });
}
