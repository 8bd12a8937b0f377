import { DomainError } from "./errors.js";
import type { Actor, Role } from "./roles.js";

/**
 * One policy for every interface (DESIGN §1): the bot and the CLI ask, they never decide.
 * Actions are added here as features arrive; anything not listed is denied.
 */
export type Action =
  | "profile.read"
  | "profile.edit"
  | "staff.menu"
  | "system.status";

/** What a resource must tell the policy about itself. */
export interface Resource {
  ownerUserId?: number;
  restricted?: boolean;
}

type Rule = (actor: Actor, resource: Resource | undefined) => boolean;

const own: Rule = (actor, resource) => resource?.ownerUserId === actor.userId;
const anyStaff = (roles: readonly Role[]): Rule => (actor) => roles.includes(actor.role);

const POLICY: Record<Action, Rule> = {
  "profile.read": own,
  "profile.edit": own,
  "staff.menu": anyStaff(["registrar", "reviewer", "reception", "executor", "deputy", "head", "admin"]),
  "system.status": anyStaff(["admin"]),
};

export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  if (!actor.active) return false;
  if (resource?.restricted && !actor.clearance) return false;
  return POLICY[action](actor, resource);
}

export function assertCan(actor: Actor, action: Action, resource?: Resource): void {
  if (!can(actor, action, resource)) throw new DomainError("forbidden");
}
