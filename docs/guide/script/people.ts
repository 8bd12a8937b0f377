import type { Language } from "../../../core/shared/roles.js";
import { DEMO_USERS, type DemoUser } from "../../../sandbox/demo/users.js";

/** The sandbox's demo person who plays a role in the guide's pictures. */
export function demoPerson(role: DemoUser["demoRole"], language?: Language): DemoUser {
  const person = DEMO_USERS.find((u) => u.demoRole === role && (language === undefined || u.language_code === language));
  if (!person) throw new Error(`the sandbox has no demo ${role}${language ? ` speaking ${language}` : ""}`);
  return person;
}

/** The name staff lists show for the demo person of a role. */
export function demoName(role: DemoUser["demoRole"]): string {
  const person = demoPerson(role);
  return [person.first_name, person.last_name].filter(Boolean).join(" ");
}

/** What the guide's applicant types at sign-up and in the appeal, in the language of the page. */
export const APPLICANT = {
  kk: {
    fullName: "Серікқызы Айгерім Нұрланқызы",
    iin: "870615400228",
    appeal: "Іс бойынша сот шешімінің көшірмесін алу үшін қайда жүгіну керек? Іс нөмірі 2-1234/2025.",
    matter: "Сот шешімінің орындалмауы туралы",
  },
  ru: {
    fullName: "Петров Иван Сергеевич",
    iin: "900101300017",
    appeal: "Прошу разъяснить, где получить копию решения суда по гражданскому делу № 2-1234/2025.",
    matter: "О неисполнении решения суда",
  },
} as const;
