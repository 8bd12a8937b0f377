import { and, count, eq, isNull, sql } from "drizzle-orm";
import { appealEvents, appeals, appealTrackTokens } from "../../db/schema/index.js";
import type { CitizenProfile } from "../citizens/profile.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import type { Actor } from "../shared/roles.js";
import { appendEvent } from "./events.js";
import { applicantIdNumber } from "./paper-applicant.js";
import { isClosed, type AppealState } from "./states.js";
import type { AppealRow } from "./transition.js";

/** Wrong IINs (or BINs) typed for one link before it stops working: enough for typos, too few to guess. */
export const TRACK_ATTEMPTS_MAX = 5;

type TokenRow = typeof appealTrackTokens.$inferSelect;

/** Why a link cannot be used: never opened by anyone, used, given up after wrong tries or a newer receipt, or too old. */
function refusal(token: TokenRow | undefined, actor: Actor, now: Date, number: string): DomainError | null {
  if (!token) return new DomainError("track_unknown");
  if (token.usedAt !== null) {
    if (token.usedBy === null) return new DomainError("track_burned");
    return new DomainError(token.usedBy === actor.userId ? "track_already_yours" : "track_used", { number });
  }
  if (token.expiresAt <= now) return new DomainError("track_expired");
  return null;
}

export interface UsableLink {
  token: TokenRow;
  appeal: AppealRow;
}

/** The link's token and its appeal, locked when `ctx` is in a transaction, or the reason it cannot be used. */
export async function usableToken(ctx: Ctx, actor: Actor, tokenHash: string): Promise<UsableLink | DomainError> {
  const tx = ctx.db;
  const [token] = await tx.select().from(appealTrackTokens).where(eq(appealTrackTokens.tokenHash, tokenHash)).for("update");
  const [appeal] = token ? await tx.select().from(appeals).where(eq(appeals.id, token.appealId)).for("update") : [];
  if (token && (!appeal || appeal.erasedAt !== null)) return new DomainError("track_unknown");
  return refusal(token, actor, ctx.clock.now(), appeal?.number ?? "") ?? { token: token!, appeal: appeal! };
}

export function idNumberOf(appeal: AppealRow): string | null {
  return applicantIdNumber(appeal.applicant as CitizenProfile);
}

/**
 * A wrong number typed for the link: kept in the appeal's trail (the link's hash, never what was
 * typed). The last allowed try ends the link; the applicant asks the registry for a new receipt.
 */
export async function countWrongNumber(ctx: Ctx, actor: Actor, token: TokenRow): Promise<DomainError> {
  const tx = ctx.db;
  const [done] = await tx
    .select({ n: count() })
    .from(appealEvents)
    .where(and(eq(appealEvents.appealId, token.appealId), eq(appealEvents.kind, "link_refused"), sql`${appealEvents.data}->>'token' = ${token.tokenHash}`));
  const attempt = (done?.n ?? 0) + 1;
  await appendEvent(ctx, tx, { appealId: token.appealId, actor, kind: "link_refused", data: { token: token.tokenHash, attempt } });
  if (attempt < TRACK_ATTEMPTS_MAX) return new DomainError("track_number_wrong", { left: TRACK_ATTEMPTS_MAX - attempt });
  await tx.update(appealTrackTokens).set({ usedAt: ctx.clock.now() }).where(eq(appealTrackTokens.tokenHash, token.tokenHash));
  return new DomainError("track_attempts_exhausted");
}

export interface LinkedAppeal {
  appealId: number;
  number: string;
  /** Whether the answer now comes in this chat; an appeal closed already keeps going by post. */
  inChat: boolean;
}

/**
 * The appeal becomes this person's: it shows in their appeals, and its notices and answer come to
 * this chat. The postal address stays in the record. The link is used up in the same transaction.
 */
export async function linkAppeal(ctx: Ctx, actor: Actor, token: TokenRow, appeal: AppealRow): Promise<LinkedAppeal> {
  const tx = ctx.db;
  const now = ctx.clock.now();
  const [taken] = await tx
    .update(appealTrackTokens)
    .set({ usedAt: now, usedBy: actor.userId })
    .where(and(eq(appealTrackTokens.tokenHash, token.tokenHash), isNull(appealTrackTokens.usedAt)))
    .returning({ tokenHash: appealTrackTokens.tokenHash });
  if (!taken) throw new DomainError("track_used", { number: appeal.number });
  const inChat = !isClosed(appeal.state as AppealState);
  await tx
    .update(appeals)
    .set({ citizenUserId: actor.userId, ...(inChat && { replyChannel: "chat" }), updatedAt: now })
    .where(eq(appeals.id, appeal.id));
  await appendEvent(ctx, tx, { appealId: appeal.id, actor, kind: "linked", data: { channel: appeal.channel, replyChannel: inChat ? "chat" : appeal.replyChannel } });
  return { appealId: appeal.id, number: appeal.number, inChat };
}
