import type { Ctx } from "../../core/shared/context.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { addUnit, unitByCode } from "../../core/staff/units.js";

/**
 * A made-up JA unit and state body of the local sandbox, so the registrar's "forward" menus have
 * somewhere to send an appeal; the demo executor works in the unit. Names say "demo".
 */
const DEMO_UNITS = [
  { code: "demo_enforcement", kind: "ja_unit", parentCode: "judicial_administration", nameKk: "Демо: Сот актілерін орындау басқармасы", nameRu: "Демо: Управление исполнения судебных актов" },
  { code: "demo_prosecutor", kind: "external_body", nameKk: "Демо: Бас прокуратура", nameRu: "Демо: Генеральная прокуратура" },
] as const;

/** Adds the demo units once; returns the id of the unit the demo executor belongs to. */
export async function seedDemoUnits(core: Ctx): Promise<number> {
  for (const unit of DEMO_UNITS) if (!(await unitByCode(core.db, unit.code))) await addUnit(core, CONSOLE_OPERATOR, { ...unit, demo: true });
  return (await unitByCode(core.db, "demo_enforcement"))!.id;
}
