import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { appeals, users } from "../../db/schema/index.js";
import { enqueue, type OutboxKeyboard } from "../outbox/enqueue.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertMayAttempt, can, type Action } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { assertHolderCleared } from "./restricted-holder.js";
import { appendEvent, type EventKind } from "./events.js";
import { isClosed, nextState, type AppealAction, type AppealState } from "./states.js";

export type AppealRow = typeof appeals.$inferSelect;
export type CitizenNotice = { key: string; params: Record<string, string | number>; fileIds?: number[]; keyboard?: OutboxKeyboard };

export interface TransitionSpec {
  appealId: number;
  action: AppealAction;
  permission: Action;
  event: EventKind;
  comment?: string | null;
  data?: Record<string, unknown>;
  /** Decides between "answered" and "left_without_review" on approval. */
  outcome?: string;
  authorityUserId?: number | null;
  /** Columns to change besides the state. */
  update?: Partial<AppealRow>;
  /** Checks and writes that belong to the change (an answer row), in its transaction; sees the row as locked, before the change. */
  within?: (tx: Tx, appeal: AppealRow, eventId: number) => Promise<void>;
  /** A message for the citizen about this change: a locale key and its parameters. */
  notify?: (appeal: AppealRow) => CitizenNotice | null;
}

/**
 * Every transition of DESIGN §2 goes through here: lock the row, check the policy against this
 * appeal, check the state, then change it, append the event and write the citizen's notice, all in
 * one transaction. A second tap finds the state already moved and is refused, changing nothing.
 */
export async function transition(ctx: Ctx, actor: Actor, spec: TransitionSpec): Promise<{ appeal: AppealRow; from: AppealState }> {
  return ctx.db.transaction(async (tx) => {
    const appeal = await lockAppeal(tx, spec.appealId);
    assertCanTouch(actor, spec.permission, appeal);
    const from = appeal.state as AppealState;
    const to = nextState(from, spec.action, spec.outcome);
    const now = ctx.clock.now();
    const [updated] = await tx
      .update(appeals)
      .set({ ...spec.update, state: to, updatedAt: now, ...(isClosed(to) && !isClosed(from) ? { closedAt: now } : {}) })
      .where(eq(appeals.id, appeal.id))
      .returning();
    await assertHolderCleared(tx, updated!);
    const eventId = await appendEvent(ctx, tx, {
      appealId: appeal.id,
      actor,
      authorityUserId: spec.authorityUserId ?? null,
      kind: spec.event,
      from,
      to: to === from ? null : to,
      comment: spec.comment ?? null,
      data: spec.data ?? {},
    });
    await spec.within?.(tx, appeal, eventId);
    const notice = spec.notify?.(updated!);
    if (notice) await notifyCitizen(ctx, tx, updated!, eventId, notice);
    return { appeal: updated!, from };
  });
}

/** A citizen is never told that somebody else's appeal exists: it is simply not found. */
export function assertCanTouch(actor: Actor, permission: Action, appeal: AppealRow): void {
  assertMayAttempt(actor, permission);
  if (can(actor, permission, { ownerUserId: appeal.citizenUserId, holderUserId: appeal.holderUserId, restricted: appeal.restricted })) return;
  throw new DomainError(actor.role === "citizen" ? "appeal_not_found" : "forbidden");
}

export async function lockAppeal(tx: Tx, appealId: number): Promise<AppealRow> {
  const [appeal] = await tx.select().from(appeals).where(eq(appeals.id, appealId)).for("update");
  if (!appeal) throw new DomainError("appeal_not_found");
  return appeal;
}

/** Citizen notices go out in the appeal's language (Law on languages, Art. 11). */
async function notifyCitizen(
  ctx: Ctx,
  tx: Tx,
  appeal: AppealRow,
  eventId: number,
  notice: CitizenNotice,
): Promise<void> {
  // A paper appeal nobody has linked in Telegram yet is answered by post.
  if (appeal.citizenUserId === null) return;
  const [citizen] = await tx.select({ telegramId: users.telegramId }).from(users).where(eq(users.id, appeal.citizenUserId));
  if (!citizen) return;
  await enqueue(ctx, tx, {
    dedupeKey: `event:${eventId}:citizen`,
    chatId: citizen.telegramId,
    language: appeal.language,
    appealId: appeal.id,
    key: notice.key,
    params: { number: appeal.number, ...notice.params },
    fileIds: notice.fileIds ?? [],
    keyboard: notice.keyboard,
  });
}
