import { DomainError } from "../shared/errors.js";
import { binProblem, idNumberProblem, normalizeIdNumber } from "../shared/iin.js";

/** Limits of what a person types into their profile; one place, so sign-up and editing agree. */
export const FULL_NAME_LENGTH = { min: 2, max: 150 } as const;
export const ORGANIZATION_LENGTH = { min: 2, max: 250 } as const;

function cleanText(input: string): string {
  return input.replace(/\s+/g, " ").trim();
}

function checkLength(value: string, limits: { min: number; max: number }, code: string): void {
  if (value.length < limits.min || value.length > limits.max) {
    throw new DomainError(code, { min: limits.min, max: limits.max, length: value.length });
  }
}

/** A name as in an identity document: letters, spaces, hyphens, apostrophes and dots. */
export function parseFullName(input: string): string {
  const name = cleanText(input);
  checkLength(name, FULL_NAME_LENGTH, "full_name_length");
  if (!/^[\p{L}][\p{L}\p{M}\s.'’ʼ-]*$/u.test(name)) throw new DomainError("full_name_chars");
  return name;
}

export function parseOrganization(input: string): string {
  const name = cleanText(input);
  checkLength(name, ORGANIZATION_LENGTH, "organization_length");
  if (!/\p{L}/u.test(name)) throw new DomainError("organization_chars");
  return name;
}

export function parseIin(input: string): string {
  const value = normalizeIdNumber(input);
  const problem = idNumberProblem(value);
  if (problem) throw new DomainError(`iin_${problem}`, { length: value.length });
  return value;
}

export function parseBin(input: string): string {
  const value = normalizeIdNumber(input);
  const problem = binProblem(value);
  if (problem) throw new DomainError(`bin_${problem}`, { length: value.length });
  return value;
}

/**
 * A phone from Telegram's contact button. Only the sender's own contact is accepted: a forwarded
 * card of somebody else carries another user_id, or none at all.
 */
export function parseOwnContact(contact: { phone: string; userId?: number }, telegramId: number): string {
  if (contact.userId !== telegramId) throw new DomainError("contact_not_own");
  const digits = contact.phone.replace(/\D/g, "");
  if (digits.length < 10 || digits.length > 15) throw new DomainError("phone_invalid");
  return `+${digits}`;
}
