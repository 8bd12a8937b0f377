import type { GuideChat } from "../chat.js";
import { demoPerson } from "../people.js";

/** The sector the invite is for, as the department's units are named (locales/glossary.md). */
const REVIEW_SECTOR = { kk: "Өтініштерді қарау секторы", ru: "Сектор рассмотрения обращений" } as const;

/** The administrator opens the admin menu, makes an invite that a new colleague takes, and sees the staff list. */
export async function adminWalk(chat: GuideChat): Promise<void> {
  chat.role("admin");
  await chat.actAs(demoPerson("admin").first_name);
  await chat.step("admin menu", async () => {
    await chat.type("/admin");
    await chat.waitFor({ key: "staff.admin.title" });
    await chat.shot("menu");
  });
  await chat.step("invite: role", async () => {
    await chat.press({ key: "staff.admin.invite" });
    await chat.waitFor({ key: "staff.admin.choose_role" });
    await chat.shot("invite-role");
  });
  await chat.step("invite: unit", async () => {
    await chat.press({ key: "staff.roles.reviewer" });
    await chat.waitFor({ key: "staff.admin.choose_unit" });
    await chat.shot("invite-unit");
  });
  await chat.step("invite: code", async () => {
    await chat.press(REVIEW_SECTOR[chat.language === "kk" ? "kk" : "ru"]);
    await chat.waitFor({ key: "staff.admin.create" });
    await chat.press({ key: "staff.admin.create" });
    await chat.waitFor({ key: "staff.admin.invite_created" });
    await chat.shot("invite-code");
  });
  await chat.step("the new colleague joins", async () => {
    const code = (await chat.page.locator(".message.bot code").last().textContent())?.trim();
    if (!code) throw new Error("the invite shows no code");
    // The demo applicant who plays no part in this language's story takes the invite.
    await chat.actAs(demoPerson("citizen", chat.language === "kk" ? "ru" : "kk").first_name);
    await chat.useLanguage();
    await chat.type(`/join ${code}`);
    await chat.waitFor({ key: "staff.official_name.ask.surname" });
    await chat.shot("join");
  });
  await chat.step("staff list", async () => {
    await chat.actAs(demoPerson("admin").first_name);
    await chat.type("/admin");
    await chat.press({ key: "staff.admin.staff" });
    await chat.waitFor({ key: "staff.admin.staff_title" });
    await chat.shot("staff");
  });
}
