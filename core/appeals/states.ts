import { DomainError } from "../shared/errors.js";

/** DESIGN §2's diagram: every state, and which action leads from where to where. */
export const APPEAL_STATES = [
  "registered",
  "in_review",
  "forwarded_internal",
  "awaiting_approval",
  "answered",
  "forwarded_external",
  "left_without_review",
  "withdrawn",
] as const;
export type AppealState = (typeof APPEAL_STATES)[number];

export const CLOSED_STATES: readonly AppealState[] = ["answered", "forwarded_external", "left_without_review", "withdrawn"];

export type AppealAction =
  | "classify"
  | "forward_internal"
  | "forward_external"
  | "submit_draft"
  | "approve"
  | "approve_with_group"
  | "return"
  | "withdraw"
  | "supplement"
  | "extend"
  | "reopen";

const OPEN = APPEAL_STATES.filter((s) => !CLOSED_STATES.includes(s));

const TRANSITIONS: Record<AppealAction, { from: readonly AppealState[]; to: AppealState | "same" | "decided" }> = {
  classify: { from: ["registered"], to: "in_review" },
  forward_internal: { from: ["registered", "in_review"], to: "forwarded_internal" },
  forward_external: { from: ["registered", "in_review"], to: "forwarded_external" },
  submit_draft: { from: ["in_review", "forwarded_internal", "registered"], to: "awaiting_approval" },
  // Approval ends in "answered" or "left_without_review", by the draft's outcome.
  approve: { from: ["awaiting_approval"], to: "decided" },
  // A member of a mass appeal is answered by its lead's approval, from wherever its own work stood.
  approve_with_group: { from: ["registered", "in_review", "forwarded_internal"], to: "decided" },
  return: { from: ["awaiting_approval"], to: "in_review" },
  withdraw: { from: OPEN, to: "withdrawn" },
  supplement: { from: OPEN, to: "same" },
  // A longer term changes the deadline, not the state (APPK Art. 76).
  extend: { from: OPEN, to: "same" },
  // The Head, deciding on a citizen's objection, sends an answered appeal back to review (Reg. 11).
  reopen: { from: ["answered"], to: "in_review" },
};

export function isClosed(state: AppealState): boolean {
  return CLOSED_STATES.includes(state);
}

/**
 * The state an action leads to, or a refusal that says why: a closed appeal, or an action that
 * does not fit the current state (a second tap, a stale button).
 */
export function nextState(state: AppealState, action: AppealAction, outcome?: string): AppealState {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(state)) throw new DomainError(isClosed(state) ? "appeal_closed" : "appeal_wrong_state", { state });
  if (rule.to === "same") return state;
  if (rule.to === "decided") return outcome === "left_without_review" ? "left_without_review" : "answered";
  return rule.to;
}
