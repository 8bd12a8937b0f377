import type { Ctx } from "../../core/shared/context.js";
import { setOfficialName, type OfficialNameInput } from "../../core/staff/official-name.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";

/** How the demo staff who sign or prepare letters are named on them (made-up people and phones). */
const NAMES: OfficialNameInput[] = [
  { telegramId: 900106, surname: "Исабеков", firstName: "Бауыржан", patronymic: "Серікұлы", positionKk: "Меңгеруші", positionRu: "Заведующий" },
  { telegramId: 900105, surname: "Омарова", firstName: "Асель", patronymic: "Маратовна", positionKk: "Меңгерушінің орынбасары", positionRu: "Заместитель заведующего" },
  { telegramId: 900102, surname: "Жұмабеков", firstName: "Ерлан", positionKk: "Бас маман", positionRu: "Главный специалист", phone: "8 (7172) 00-00-02" },
  { telegramId: 900104, surname: "Сейітов", firstName: "Нұрлан", positionKk: "Бас маман", positionRu: "Главный специалист", phone: "8 (7172) 00-00-04" },
];

export async function seedDemoOfficialNames(core: Ctx): Promise<void> {
  for (const name of NAMES) await setOfficialName(core, CONSOLE_OPERATOR, name);
}
