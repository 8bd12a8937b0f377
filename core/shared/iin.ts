/**
 * IIN and BIN check digits (DESIGN §10). An IIN's leading digits need not match the birth
 * date since 2013, so only the length, the digits and the check digit are judged.
 */
const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

function weightedMod11(digits: number[], weights: number[]): number {
  return digits.reduce((sum, d, i) => sum + d * (weights[i] ?? 0), 0) % 11;
}

export type IdNumberProblem = "length" | "digits" | "checksum";

/** Returns what is wrong with a 12-digit IIN/BIN, or null when it is valid. */
export function idNumberProblem(value: string): IdNumberProblem | null {
  if (!/^\d*$/.test(value)) return "digits";
  if (value.length !== 12) return "length";
  const digits = [...value].map(Number);
  const body = digits.slice(0, 11);
  let check = weightedMod11(body, FIRST_WEIGHTS);
  if (check === 10) check = weightedMod11(body, SECOND_WEIGHTS);
  if (check === 10) return "checksum";
  return check === digits[11] ? null : "checksum";
}

/** Spaces and dashes are how people copy numbers from documents; they are not part of it. */
export function normalizeIdNumber(input: string): string {
  return input.replace(/[\s-]/g, "");
}

export const BIN_ENTITY_TYPES = { "4": "resident", "5": "non_resident", "6": "joint_ie" } as const;

/** A BIN's fifth digit names the entity type; an IIN-shaped number there is not a BIN. */
export function binProblem(value: string): IdNumberProblem | "entity_type" | null {
  const problem = idNumberProblem(value);
  if (problem) return problem;
  return value[4]! in BIN_ENTITY_TYPES ? null : "entity_type";
}
