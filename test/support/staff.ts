import { identify } from "../../core/people/users.js";
import type { Ctx } from "../../core/shared/context.js";
import type { Actor, Role } from "../../core/shared/roles.js";
import { createInvite } from "../../core/staff/invites.js";
import { joinWithInvite } from "../../core/staff/join.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";

/** A member of staff as they really come: an invite from the administrator, taken with /join. */
export async function joinedStaff(ctx: Ctx, telegramId: number, role: Role, unitCode: string, fullName: string): Promise<Actor> {
  const { code } = await createInvite(ctx, CONSOLE_OPERATOR, { role, unitCode });
  return (await joinWithInvite(ctx, await identify(ctx, { telegramId }), { code, fullName })).actor;
}

/** `count` of them, named by `name(1)` … `name(count)`, Telegram ids from `firstTelegramId` on. */
export async function manyStaff(ctx: Ctx, count: number, firstTelegramId: number, role: Role, unitCode: string, name: (n: number) => string): Promise<Actor[]> {
  const joined: Actor[] = [];
  for (let n = 1; n <= count; n++) joined.push(await joinedStaff(ctx, firstTelegramId + n, role, unitCode, name(n)));
  return joined;
}

/** `007`: numbered names sort as people count them. */
export const nth = (n: number) => String(n).padStart(3, "0");
