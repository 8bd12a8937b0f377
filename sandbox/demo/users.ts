/**
 * Made-up personas of the local sandbox, one per role, so a tester can play
 * every side of a case. Their usernames all start with `demo_`; none of them
 * exists on Telegram.
 */
export interface DemoUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code: string;
  demoRole: "citizen" | "registrar" | "reviewer" | "reception" | "executor" | "deputy" | "head" | "admin";
}

export const DEMO_USERS: DemoUser[] = [
  { id: 900001, first_name: "Айгерім", last_name: "Серікқызы", username: "demo_aigerim", language_code: "kk", demoRole: "citizen" },
  { id: 900002, first_name: "Иван", last_name: "Петров", username: "demo_ivan", language_code: "ru", demoRole: "citizen" },
  { id: 900101, first_name: "Динара", last_name: "Әлиева", username: "demo_registrar", language_code: "kk", demoRole: "registrar" },
  { id: 900102, first_name: "Ерлан", last_name: "Жұмабеков", username: "demo_reviewer", language_code: "kk", demoRole: "reviewer" },
  { id: 900103, first_name: "Гульнара", last_name: "Ахметова", username: "demo_reception", language_code: "ru", demoRole: "reception" },
  { id: 900104, first_name: "Нұрлан", last_name: "Сейітов", username: "demo_executor", language_code: "kk", demoRole: "executor" },
  { id: 900105, first_name: "Асель", last_name: "Омарова", username: "demo_deputy", language_code: "ru", demoRole: "deputy" },
  { id: 900106, first_name: "Бауыржан", last_name: "Исабеков", username: "demo_head", language_code: "kk", demoRole: "head" },
  { id: 900107, first_name: "Мадина", last_name: "Нұрланова", username: "demo_admin", language_code: "kk", demoRole: "admin" },
];
