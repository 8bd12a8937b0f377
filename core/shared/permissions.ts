import { DomainError } from "./errors.js";
import { APPEAL_WORK_ROLES, type Actor, type Role } from "./roles.js";

/**
 * One policy for every interface (DESIGN §1): the bot and the CLI ask, they never decide.
 * Actions are added here as features arrive; anything not listed is denied.
 */
export type Action =
  | "profile.read"
  | "profile.edit"
  | "appeal.submit"
  | "appeal.read"
  | "appeal.staff_view"
  | "appeal.withdraw"
  | "appeal.supplement"
  | "appeal.rate"
  | "appeal.classify"
  | "appeal.forward"
  | "appeal.draft"
  | "appeal.approve"
  | "appeal.extension.request"
  | "appeal.extend"
  | "appeal.audit"
  | "appeal.search"
  | "appeal.personal_data"
  | "appeal.by_post"
  | "staff.menu"
  | "staff.invite"
  | "staff.deactivate"
  | "staff.delegate"
  | "staff.name"
  | "staff.reminders"
  | "units.manage"
  | "system.status"
  | "outbox.manage"
  | "reception.book"
  | "reception.schedule"
  | "reception.handle"
  | "reception.day"
  | "control.record"
  | "control.record_reception"
  | "control.decide"
  | "control.execute"
  | "control.list"
  | "list.search"
  | "registry.journal"
  | "registry.export"
  | "registry.restrict"
  | "registry.nomenclature"
  | "registry.retention"
  | "appeal.register_paper"
  | "appeal.group"
  | "appeal.track"
  | "analytics.read";

/** What a resource must tell the policy about itself. */
export interface Resource {
  ownerUserId?: number | null;
  /** The staff member who holds it now (an assigned reviewer, an executor). */
  holderUserId?: number | null;
  restricted?: boolean;
}

type Rule = (actor: Actor, resource: Resource | undefined) => boolean;

const own: Rule = (actor, resource) => resource?.ownerUserId === actor.userId;
const anyStaff = (roles: readonly Role[]): Rule => (actor) => roles.includes(actor.role);

const either = (...rules: Rule[]): Rule => (actor, resource) => rules.some((rule) => rule(actor, resource));
const citizenOwn: Rule = (actor, resource) => actor.role === "citizen" && own(actor, resource);
/** Staff who see every appeal; the technical administrator sees no appeal text (DESIGN §1). */
const allAppealsStaff = anyStaff(["registrar", "reception", "deputy", "head"]);
/** Reviewers and executors work on what they hold (assigned to them or forwarded to them). */
const holderStaff: Rule = (actor, resource) =>
  (actor.role === "reviewer" || actor.role === "executor") && resource?.holderUserId === actor.userId;
/** A deputy while a delegation makes them act for the Head (Reg. 13–14). */
const actingHead: Rule = (actor) => actor.role === "deputy" && actor.actingForUserId !== null;

/** Whoever a control document is assigned to works on it, whatever their staff role. */
const controlExecutor: Rule = (actor, resource) => actor.role !== "citizen" && resource?.holderUserId === actor.userId;

const POLICY: Record<Action, Rule> = {
  "profile.read": own,
  "profile.edit": own,
  "appeal.submit": (actor) => actor.role === "citizen",
  "appeal.read": either(citizenOwn, allAppealsStaff, holderStaff),
  /** The staff card: who holds it, the internal history, the Head's comments. Never the citizen, not even the owner. */
  "appeal.staff_view": either(allAppealsStaff, holderStaff),
  "appeal.withdraw": citizenOwn,
  "appeal.supplement": citizenOwn,
  "appeal.rate": citizenOwn,
  "appeal.classify": anyStaff(["registrar", "deputy", "head"]),
  "appeal.forward": anyStaff(["registrar", "deputy", "head"]),
  "appeal.draft": either(anyStaff(["registrar", "deputy", "head"]), holderStaff),
  "appeal.audit": anyStaff(["registrar", "deputy", "head", "admin"]),
  // Everyone who works on appeals searches; what they find is limited to what they may read.
  "appeal.search": anyStaff(["registrar", "reviewer", "reception", "executor", "deputy", "head"]),
  // Names, IINs, phones and addresses: the registry, reception and leadership, and whoever holds the appeal.
  "appeal.personal_data": either(allAppealsStaff, holderStaff),
  "appeal.approve": either(anyStaff(["head"]), actingHead),
  "appeal.extension.request": either(anyStaff(["registrar", "deputy", "head"]), holderStaff),
  // A reasoned decision of the head or a deputy (APPK Art. 76).
  "appeal.extend": anyStaff(["deputy", "head"]),
  /** The list of answers to send by post, kept by the registry (Reg. 7.1). */
  "appeal.by_post": anyStaff(["registrar", "deputy", "head"]),
  "staff.menu": anyStaff(["registrar", "reviewer", "reception", "executor", "deputy", "head", "admin"]),
  "staff.invite": anyStaff(["admin"]),
  "staff.deactivate": anyStaff(["admin"]),
  "staff.delegate": anyStaff(["head", "admin"]),
  /** Official names on letters: the administrator, or staff for themselves. */
  "staff.name": either(anyStaff(["admin"]), (actor, resource) => actor.role !== "citizen" && own(actor, resource)),
  "staff.reminders": anyStaff(APPEAL_WORK_ROLES),
  "units.manage": anyStaff(["admin"]),
  "system.status": anyStaff(["admin"]),
  /** Undelivered messages: who they were for and of what kind, never their text. */
  "outbox.manage": anyStaff(["admin"]),
  "reception.book": (actor) => actor.role === "citizen",
  /** Officials and their schedules (Reg. 7.3.1); the administrator keeps the list of officials too (DESIGN §1). */
  "reception.schedule": anyStaff(["reception", "deputy", "head", "admin"]),
  /** Requests, bookings and outcomes carry the citizen's matter: the sector and the leadership only. */
  "reception.handle": anyStaff(["reception", "deputy", "head"]),
  /** Who comes when; the matter itself is shown only to those who handle it. */
  "reception.day": anyStaff(["reception", "deputy", "head", "admin"]),
  "control.record": anyStaff(["registrar", "deputy", "head"]),
  /** Assignments given at personal reception (Reg. 7.3.3) are recorded by reception staff too. */
  "control.record_reception": anyStaff(["reception", "registrar", "deputy", "head"]),
  "control.decide": anyStaff(["registrar", "deputy", "head"]),
  "control.execute": controlExecutor,
  "control.list": anyStaff(["registrar", "deputy", "head", "admin"]),
  /** A word typed to search the list on screen: whoever was shown it; the list's own feature decides what it holds. */
  "list.search": () => true,
  /** The journals of the Document Flow sector (Reg. 7.1.1–7.1.2): entries are added and read there and by the leadership. */
  "registry.journal": anyStaff(["registrar", "deputy", "head"]),
  "registry.export": anyStaff(["registrar", "deputy", "head"]),
  /** Marking a document for official use, or lifting the mark, with a reason in the trail. */
  "registry.restrict": anyStaff(["registrar", "deputy", "head"]),
  /** The nomenclature of cases is kept by the sector (Reg. 7.1.3); the administrator loads its file at the console. */
  "registry.nomenclature": anyStaff(["registrar", "deputy", "head", "admin"]),
  /** A destruction act is approved by the Head (or an acting deputy) after the expert review of value. */
  "registry.retention": either(anyStaff(["head"]), actingHead),
  /** A paper or e-mailed appeal is registered by the sector on the applicant's behalf. */
  "appeal.register_paper": anyStaff(["registrar", "deputy", "head"]),
  /** Mass appeals: grouping appeals on one subject to answer them with one approved draft. */
  "appeal.group": anyStaff(["registrar", "deputy", "head"]),
  /** Opening a paper receipt's QR link: anyone in Telegram; the applicant's IIN decides. */
  "appeal.track": (actor) => actor.role === "citizen",
  /** Figures of appeals (Reg. 7.2.2, 7.3.2): the Head and deputies for the whole department; a unit's head for their unit (the resource's owner). */
  "analytics.read": either(anyStaff(["deputy", "head"]), (actor, resource) => actor.role !== "citizen" && own(actor, resource)),
};

/** What a citizen may ever do; every other action is staff work. */
export const CITIZEN_ACTIONS: readonly Action[] = [
  "profile.read",
  "profile.edit",
  "appeal.submit",
  "appeal.read",
  "appeal.withdraw",
  "appeal.supplement",
  "appeal.rate",
  "reception.book",
  "list.search",
  "appeal.track",
];

export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  if (!actor.active) return false;
  if (resource?.restricted && !actor.clearance) return false;
  return POLICY[action](actor, resource);
}

/**
 * Checked before anything is looked up: a citizen asking for staff work (a forged or forwarded
 * staff button) is told it is not for them, and learns nothing about what the button names.
 */
export function assertMayAttempt(actor: Actor, action: Action): void {
  // Someone whose access ended is told so, not just refused: old buttons in their chat still show.
  if (!actor.active) throw new DomainError("staff_deactivated");
  if (actor.role === "citizen" && !CITIZEN_ACTIONS.includes(action)) throw new DomainError("staff_only");
}

export function assertCan(actor: Actor, action: Action, resource?: Resource): void {
  assertMayAttempt(actor, action);
  if (!can(actor, action, resource)) throw new DomainError("forbidden");
}
