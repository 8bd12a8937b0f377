import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { appealTrackTokens } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";

/** How long a paper receipt's link may be opened: long enough for a letter to reach its applicant and lie a while. */
export const TRACK_TOKEN_TTL_DAYS = 90;
/** The deep link's parameter is `track_<token>`; Telegram allows 64 characters of A–Z a–z 0–9 _ -. */
export const TRACK_DEEP_LINK = "track_";
/** 24 random bytes: 192 bits, 32 characters of base64url. */
const TOKEN_BYTES = 24;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32}$/;

/** Only this is kept: whoever reads the database cannot open the link. */
export function trackTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function isWellFormedToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/** `https://t.me/<bot>?start=track_<token>`: what the receipt's QR code and its printed line say. */
export function trackLink(botUsername: string, token: string): string {
  return `https://t.me/${botUsername}?start=${TRACK_DEEP_LINK}${token}`;
}

/**
 * A new one-time link for the appeal, in the caller's transaction. A receipt issued again (the
 * paper was lost) leaves the older links that were never opened unusable; one already used stays
 * as it was, and so does the link it made.
 */
export async function issueTrackToken(ctx: Ctx, tx: Tx, appealId: number): Promise<{ token: string; expiresAt: Date }> {
  const now = ctx.clock.now();
  await tx
    .update(appealTrackTokens)
    .set({ usedAt: now })
    .where(and(eq(appealTrackTokens.appealId, appealId), isNull(appealTrackTokens.usedAt)));
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  const expiresAt = new Date(now.getTime() + TRACK_TOKEN_TTL_DAYS * 24 * 60 * 60 * 1000);
  await tx.insert(appealTrackTokens).values({ tokenHash: trackTokenHash(token), appealId, expiresAt, createdAt: now });
  return { token, expiresAt };
}
