import { and, desc, eq, gt, lte } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { joinAttempts, users } from "../../db/schema/index.js";
import { DomainError } from "../shared/errors.js";

/** Five wrong codes in ten minutes, then a wait: room for typos, far too little to guess a code. */
export const JOIN_ATTEMPTS = { max: 5, windowMs: 10 * 60_000 } as const;

const windowStart = (now: Date) => new Date(now.getTime() - JOIN_ATTEMPTS.windowMs);

/**
 * Refuses someone who tried too many wrong codes lately, saying until when (an instant). Their user
 * row is locked first, so attempts from two instances at once are counted one after the other.
 */
export async function assertMayTryCode(tx: Tx, userId: number, now: Date): Promise<void> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
  const recent = await tx
    .select({ at: joinAttempts.at })
    .from(joinAttempts)
    .where(and(eq(joinAttempts.userId, userId), gt(joinAttempts.at, windowStart(now))))
    .orderBy(desc(joinAttempts.at))
    .limit(JOIN_ATTEMPTS.max);
  if (recent.length < JOIN_ATTEMPTS.max) return;
  // The wait ends when the oldest of these leaves the window.
  throw new DomainError("join_locked", { until: new Date(recent.at(-1)!.at.getTime() + JOIN_ATTEMPTS.windowMs).toISOString() });
}

/** A wrong code counts; the person's attempts that have left the window are of no more use. */
export async function countWrongCode(tx: Tx, userId: number, now: Date): Promise<void> {
  await tx.delete(joinAttempts).where(and(eq(joinAttempts.userId, userId), lte(joinAttempts.at, windowStart(now))));
  await tx.insert(joinAttempts).values({ userId, at: now });
}

/** Once in, the count starts afresh. */
export async function forgetWrongCodes(tx: Tx, userId: number): Promise<void> {
  await tx.delete(joinAttempts).where(eq(joinAttempts.userId, userId));
}
