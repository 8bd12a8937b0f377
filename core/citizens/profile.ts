import { eq, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { citizens } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { parseBin, parseFullName, parseIin, parseOrganization, parseOwnContact } from "./fields.js";

export const CITIZEN_KINDS = ["individual", "legal"] as const;
export type CitizenKind = (typeof CITIZEN_KINDS)[number];

export interface CitizenProfile {
  kind: CitizenKind;
  fullName: string;
  iin: string | null;
  bin: string | null;
  organization: string | null;
  phone: string;
}

export async function getProfile(ctx: Ctx, actor: Actor, db: DbOrTx = ctx.db): Promise<CitizenProfile | null> {
  assertCan(actor, "profile.read", { ownerUserId: actor.userId });
  // Read already in this update (with the person, see `presence`) and not written since.
  const seen = db === ctx.db ? ctx.seen?.get<CitizenProfile | null>(profileKey(actor.userId)) : undefined;
  if (seen !== undefined) return seen;
  const [row] = await db.select(PROFILE_COLUMNS).from(citizens).where(eq(citizens.userId, actor.userId));
  return row ? asProfile(row) : null;
}

const PROFILE_COLUMNS = {
  kind: citizens.kind,
  fullName: citizens.fullName,
  iin: citizens.iin,
  bin: citizens.bin,
  organization: citizens.organization,
  phone: citizens.phone,
};

/** A profile as the database holds it: its kind still plain text. */
type StoredProfile = Omit<CitizenProfile, "kind"> & { kind: string };

function asProfile(row: StoredProfile): CitizenProfile {
  return { ...row, kind: row.kind as CitizenKind };
}

/** Where an update keeps the profile it read (`Ctx.seen`). */
export const profileKey = (userId: number) => `profile:${userId}`;

/** A person's profile as SQL (null when they have none), for the read that starts an update. */
export function profileOf(userId: SQLWrapper | number): SQL<StoredProfile | null> {
  return sql`(select json_build_object('kind', c.kind, 'fullName', c.full_name, 'iin', c.iin, 'bin', c.bin, 'organization', c.organization, 'phone', c.phone)
    from ${citizens} c where c.user_id = ${userId})`;
}

/** Keeps a profile read with the person for the rest of the update. */
export function rememberProfile(ctx: Ctx, userId: number, row: StoredProfile | null): void {
  ctx.seen?.set(profileKey(userId), row === null ? null : asProfile(row));
}

/** Writes the profile gathered by sign-up; called inside sign-up's transaction. */
export async function saveProfile(ctx: Ctx, db: DbOrTx, actor: Actor, profile: CitizenProfile): Promise<void> {
  assertCan(actor, "profile.edit", { ownerUserId: actor.userId });
  const now = ctx.clock.now();
  await db
    .insert(citizens)
    .values({ userId: actor.userId, ...profile, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: citizens.userId, set: { ...profile, updatedAt: now } });
  ctx.seen?.forget(profileKey(actor.userId));
}

export const PROFILE_FIELDS = ["fullName", "iin", "bin", "organization", "phone"] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** Which fields a profile of this kind has, in the order they are asked. */
export function fieldsOf(kind: CitizenKind): ProfileField[] {
  return kind === "individual" ? ["fullName", "iin", "phone"] : ["fullName", "bin", "organization", "phone"];
}

const editInput = z.discriminatedUnion("field", [
  z.object({ field: z.enum(["fullName", "iin", "bin", "organization"]), text: z.string() }),
  z.object({ field: z.literal("phone"), phone: z.string(), contactUserId: z.number().optional() }),
]);

/** Changes one field of an existing profile, with the same rules as sign-up. */
export type ProfileEdit = z.input<typeof editInput>;

export async function editProfileField(ctx: Ctx, db: DbOrTx, actor: Actor, input: ProfileEdit): Promise<CitizenProfile> {
  const edit = parseInput(editInput, input);
  const profile = await getProfile(ctx, actor, db);
  if (!profile) throw new DomainError("profile_missing");
  if (!fieldsOf(profile.kind).includes(edit.field)) throw new DomainError("invalid_input");
  assertCan(actor, "profile.edit", { ownerUserId: actor.userId });
  const updated: CitizenProfile = { ...profile };
  switch (edit.field) {
    case "fullName":
      updated.fullName = parseFullName(edit.text);
      break;
    case "iin":
      updated.iin = parseIin(edit.text);
      break;
    case "bin":
      updated.bin = parseBin(edit.text);
      break;
    case "organization":
      updated.organization = parseOrganization(edit.text);
      break;
    case "phone":
      updated.phone = parseOwnContact({ phone: edit.phone, userId: edit.contactUserId }, actor.telegramId);
      break;
  }
  await db.update(citizens).set({ ...updated, updatedAt: ctx.clock.now() }).where(eq(citizens.userId, actor.userId));
  ctx.seen?.forget(profileKey(actor.userId));
  return updated;
}
