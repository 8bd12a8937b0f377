import { identify, assignRoles, setLanguage } from "../../core/people/users.js";
import { addOfficial } from "../../core/reception/officials.js";
import { setWeeklyHours } from "../../core/reception/schedule.js";
import type { Ctx } from "../../core/shared/context.js";
import type { Actor } from "../../core/shared/roles.js";
import { STAFF } from "./people.js";

export const OFFICIAL_NAME = "Алиев Марат";

export interface ChaosStaff {
  registrar: Actor;
  reviewer: Actor;
  head: Actor;
}

/**
 * What the department has before citizens come: a registrar, a reviewer, the Head (who approves
 * in chat), and an official citizens book directly, receiving every weekday all day in 10-minute
 * slots, so free times outnumber the citizens.
 */
export async function setUpDepartment(core: Ctx): Promise<ChaosStaff> {
  await assignRoles(core, [
    { telegramId: STAFF.registrar, role: "registrar", fullName: "Әлиева Динара" },
    { telegramId: STAFF.reviewer, role: "reviewer", fullName: "Жұмабеков Ерлан" },
    { telegramId: STAFF.head, role: "head", fullName: "Исабеков Бауыржан" },
    { telegramId: STAFF.reception, role: "reception", fullName: "Ахметова Гульнара" },
  ]);
  const actor = async (telegramId: number) => setLanguage(core, core.db, await identify(core, { telegramId }), "ru");
  const reception = await actor(STAFF.reception);
  const official = await addOfficial(core, reception, {
    nameKk: "Әлиев Марат",
    nameRu: OFFICIAL_NAME,
    titleKk: "Орынбасар",
    titleRu: "Заместитель",
    placeKk: "Астана, 312-бөлме",
    placeRu: "Астана, кабинет 312",
    bookingWindowDays: 60,
    minNoticeHours: 0,
    directBooking: true,
  });
  const hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, starts: "08:00", ends: "20:00", slotMinutes: 10 }));
  await setWeeklyHours(core, reception, { officialId: official.id, hours });
  return { registrar: await actor(STAFF.registrar), reviewer: await actor(STAFF.reviewer), head: await actor(STAFF.head) };
}
