/** Roles of DESIGN §1. A person has exactly one. */
export const ROLES = ["citizen", "registrar", "reviewer", "reception", "executor", "deputy", "head", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES: readonly Role[] = ROLES.filter((r) => r !== "citizen");
/** Staff who work on appeals; the technical administrator sees no appeal text (DESIGN §1). */
export const APPEAL_WORK_ROLES: readonly Role[] = STAFF_ROLES.filter((r) => r !== "admin");

export const LANGUAGES = ["kk", "ru", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
/** The state language: whoever has not chosen and whose Telegram language we do not know reads Kazakh. */
export const DEFAULT_LANGUAGE: Language = "kk";

/** Who is acting: enough for every permission decision, nothing more. */
export interface Actor {
  userId: number;
  telegramId: number;
  role: Role;
  active: boolean;
  /** Cleared for documents marked for official use (ҚБПҮ / ДСП). */
  clearance: boolean;
  language: Language;
  /** The Head a deputy stands in for while a delegation is in force (Reg. 13–14); null otherwise. */
  actingForUserId: number | null;
}
