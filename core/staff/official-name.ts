import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { staffProfiles, users } from "../../db/schema/index.js";
import type { AnswerLanguage } from "../appeals/kinds.js";
import { signatureName } from "../letters/person-name.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";

/** What each part of an official name may be: letters (with ' - and spaces) for names, a few words for a position. */
export const OFFICIAL_NAME_PARTS = {
  surname: z.string().trim().min(1).max(100).regex(/^[\p{L}][\p{L}' -]*$/u),
  position: z.string().trim().min(2).max(200),
  phone: z.string().trim().regex(/^\+?[\d ()-]{5,30}$/),
};
const word = OFFICIAL_NAME_PARTS.surname;
const nameInput = z.object({
  telegramId: z.number().int().positive(),
  surname: word,
  firstName: word,
  patronymic: word.optional(),
  positionKk: OFFICIAL_NAME_PARTS.position,
  positionRu: OFFICIAL_NAME_PARTS.position,
  phone: OFFICIAL_NAME_PARTS.phone.optional(),
});
export type OfficialNameInput = z.input<typeof nameInput>;

/**
 * A staff member's official name, position and phone, as letters print them (DESIGN §2 answer).
 * Given by the staff member when they join (core/staff/official-name-flow.ts), or set by an administrator.
 */
export async function setOfficialName(ctx: Ctx, actor: Actor, raw: OfficialNameInput) {
  const input = parseInput(nameInput, raw);
  const [person] = await ctx.db.select({ id: users.id, role: users.role }).from(users).where(eq(users.telegramId, input.telegramId));
  if (!person) throw new DomainError("staff_not_found");
  assertCan(actor, "staff.name", { ownerUserId: person.id });
  if (person.role === "citizen") throw new DomainError("staff_not_found");
  const values = {
    surname: input.surname,
    firstName: input.firstName,
    patronymic: input.patronymic ?? null,
    positionKk: input.positionKk,
    positionRu: input.positionRu,
    phone: input.phone ?? null,
    updatedAt: ctx.clock.now(),
  };
  await ctx.db.insert(staffProfiles).values({ userId: person.id, ...values }).onConflictDoUpdate({ target: staffProfiles.userId, set: values });
  return { userId: person.id, signature: signatureName(values) };
}

export interface OfficialName {
  /** «Б. Исабеков». */
  signature: string;
  position: string | null;
  phone: string | null;
}

/**
 * How a letter names this staff member. Until an administrator sets the official name, the name
 * given at /join stands in and there is no position: the draft shown to the approver shows that.
 */
export async function officialNameOf(db: DbOrTx, userId: number, language: AnswerLanguage): Promise<OfficialName> {
  const [row] = await db.select({ profile: staffProfiles, joinedAs: users.fullName }).from(users).leftJoin(staffProfiles, eq(staffProfiles.userId, users.id)).where(eq(users.id, userId));
  const profile = row?.profile;
  if (!profile) return { signature: row?.joinedAs ?? "", position: null, phone: null };
  return { signature: signatureName(profile), position: language === "kk" ? profile.positionKk : profile.positionRu, phone: profile.phone };
}
