import { OUTGOING_PREFIX } from "../appeals/kinds.js";

/** The registry's journals (Reg. 7.1.1–7.1.2; DESIGN §6). */
export const JOURNALS = ["incoming", "outgoing", "court_cases", "restricted"] as const;
export type Journal = (typeof JOURNALS)[number];

/**
 * Number prefixes per journal (кіріс хат, сот ісі, қызмет бабында пайдалану үшін). Outgoing letters
 * share the answers' sequence, so every signed letter, answers included, has one gapless number.
 */
export const JOURNAL_PREFIX: Record<Journal, string> = {
  incoming: "КХ",
  outgoing: OUTGOING_PREFIX,
  court_cases: "СІ",
  restricted: "ҚБПҮ",
};

/** How an outgoing letter went out. */
export const DISPATCH_METHODS = ["telegram", "post", "courier", "email", "in_person"] as const;
export type DispatchMethod = (typeof DISPATCH_METHODS)[number];

/** What a nomenclature case holds by default: a journal's lines, or the appeals. */
export const CASE_HOLDS = [...JOURNALS, "appeals"] as const;
export type CaseHolds = (typeof CASE_HOLDS)[number];

export const ENTRY_LIMITS = { correspondentMax: 300, summaryMax: 2000, pagesMax: 10_000, filesMax: 10 } as const;
