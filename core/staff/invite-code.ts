import { createHash, randomInt } from "node:crypto";

/**
 * Capital letters and digits without the look-alikes (0/O, 1/I/L): easy to read aloud or type, and
 * inside Telegram's start-parameter alphabet (A–Z a–z 0–9 _ -), so `?start=join_<code>` works.
 */
export const INVITE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const INVITE_CODE_LENGTH = 10;

export function newInviteCode(): string {
  let code = "";
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)];
  return code;
}

/** As typed: spaces and dashes dropped, letters upper-cased. */
export function normalizeInviteCode(typed: string): string {
  return typed.replace(/[\s-]/g, "").toUpperCase();
}

/** What the database keeps instead of the code. */
export function inviteCodeHash(code: string): string {
  return createHash("sha256").update(normalizeInviteCode(code)).digest("hex");
}
