import { assignRoles } from "../../core/people/users.js";
import type { Ctx } from "../../core/shared/context.js";
import { seedDemoOfficialNames } from "./official-names.js";
import { seedDemoOfficials } from "./officials.js";
import { seedDemoUnits } from "./units.js";
import { DEMO_USERS } from "./users.js";

/** Everything made-up the sandbox plays with, marked as demo, through the same core calls as real data. */
export async function seedDemo(core: Ctx): Promise<void> {
  const demoUnitId = await seedDemoUnits(core);
  await assignRoles(
    core,
    DEMO_USERS.map((u) => ({
      telegramId: u.id,
      role: u.demoRole,
      fullName: [u.first_name, u.last_name].filter(Boolean).join(" "),
      unitId: u.demoRole === "executor" ? demoUnitId : null,
      demo: true,
    })),
  );
  await seedDemoOfficialNames(core);
  await seedDemoOfficials(core);
}
