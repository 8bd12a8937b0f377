import { z } from "zod";
import { invites } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import { STAFF_ROLES, type Actor, type Role } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { inviteCodeHash, newInviteCode } from "./invite-code.js";
import { recordedUserId } from "./operator.js";
import { unitByCode } from "./units.js";

/** A week at most: an invite lying around longer is more likely to reach the wrong person. */
export const INVITE_MAX_HOURS = 168;

const input = z.object({
  role: z.enum(STAFF_ROLES as [Role, ...Role[]]),
  unitCode: z.string().trim().min(1).max(40),
  clearance: z.boolean().default(false),
  ttlHours: z.number().int().min(1).max(INVITE_MAX_HOURS).default(72),
});

export interface CreatedInvite {
  /** Shown once, to whoever made it; only its SHA-256 is kept. */
  code: string;
  role: Role;
  unitCode: string;
  clearance: boolean;
  expiresAt: Date;
}

/** An admin invites one person to a role in a unit (DESIGN §1); single-use, expiring. */
export async function createInvite(ctx: Ctx, actor: Actor, raw: z.input<typeof input>): Promise<CreatedInvite> {
  assertCan(actor, "staff.invite");
  const { role, unitCode, clearance, ttlHours } = parseInput(input, raw);
  const unit = await unitByCode(ctx.db, unitCode);
  if (!unit?.active) throw new DomainError("unit_unknown", { code: unitCode });
  if (unit.kind === "external_body") throw new DomainError("unit_has_no_staff", { code: unit.code });
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000);
  const code = newInviteCode();
  await ctx.db.insert(invites).values({
    codeSha256: inviteCodeHash(code),
    role,
    unitId: unit.id,
    clearance,
    createdBy: recordedUserId(actor),
    createdAt: now,
    expiresAt,
  });
  ctx.log.info({ unitId: unit.id, role, createdBy: recordedUserId(actor) }, "staff invite created");
  return { code, role, unitCode: unit.code, clearance, expiresAt };
}
