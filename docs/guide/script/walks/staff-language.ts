import type { GuideChat } from "../chat.js";
import { DEMO_USERS } from "../../../../sandbox/demo/users.js";

/**
 * Before the story: every demo member of staff reads the guide's language (some start in the
 * other one), so notices queued for them later come in it too. No pictures.
 */
export async function staffLanguageWalk(chat: GuideChat): Promise<void> {
  chat.role("setup");
  for (const person of DEMO_USERS.filter((u) => u.demoRole !== "citizen")) {
    await chat.step(`${person.demoRole} reads ${chat.language}`, async () => {
      await chat.actAs(person.first_name);
      await chat.useLanguage();
    });
  }
}
