import { saveProfile, type CitizenProfile } from "../../core/citizens/profile.js";
import { identify } from "../../core/people/users.js";
import type { Ctx } from "../../core/shared/context.js";
import type { Actor, Role } from "../../core/shared/roles.js";
import { users } from "../../db/schema/index.js";
import { eq } from "drizzle-orm";

/** A citizen with a finished profile, as sign-up leaves one. */
export async function signedUpCitizen(ctx: Ctx, telegramId: number, profile: Partial<CitizenProfile> = {}): Promise<Actor> {
  const actor = await identify(ctx, { telegramId });
  await saveProfile(ctx, ctx.db, actor, {
    kind: "individual",
    fullName: "Серікқызы Айгерім",
    iin: "870615400228",
    bin: null,
    organization: null,
    phone: "+77011234567",
    ...profile,
  });
  return actor;
}

/** A staff member of a role (staff join by invite; tests set the role directly). */
export async function staffMember(ctx: Ctx, telegramId: number, role: Role): Promise<Actor> {
  const actor = await identify(ctx, { telegramId });
  await ctx.db.update(users).set({ role }).where(eq(users.id, actor.userId));
  return { ...actor, role };
}
