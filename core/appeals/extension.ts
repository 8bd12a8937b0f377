import { and, asc, eq, isNull } from "drizzle-orm";
import { notifyRoles } from "../staff/notify.js";
import { z } from "zod";
import { appealExtensions, appeals, users } from "../../db/schema/index.js";
import { loadCalendar } from "../calendar/calendar-store.js";
import { isIsoDate } from "../calendar/dates.js";
import { latestExtendedDeadline, loadPolicy } from "../calendar/deadlines.js";
import { isWorkingDay, sameOrNextWorkingDay } from "../calendar/working-days.js";
import { enqueue } from "../outbox/enqueue.js";
import type { Ctx } from "../shared/context.js";
import { isUniqueViolation } from "../shared/db-errors.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { appendEvent } from "./events.js";
import { isClosed, type AppealState } from "./states.js";
import { languageOf } from "../people/language.js";
import { assertCanTouch, lockAppeal, transition } from "./transition.js";

const requestInput = z.object({
  appealId: z.number().int().positive(),
  reason: z.string().trim().max(2000),
  dueOn: z.string().refine(isIsoDate),
});

/**
 * The holder asks for a longer term with a reason and a date (APPK Art. 76): later than the
 * current deadline, a working day, and no later than the policy's whole term after registration
 * (APPK Art. 76(2), read strictly). The Head and the deputies are asked to decide.
 */
export async function requestExtension(ctx: Ctx, actor: Actor, raw: z.input<typeof requestInput>) {
  const { appealId, reason, dueOn } = parseInput(requestInput, raw);
  if (!reason) throw new DomainError("comment_required");
  try {
    return await ctx.db.transaction(async (tx) => {
      const appeal = await lockAppeal(tx, appealId);
      assertCanTouch(actor, "appeal.extension.request", appeal);
      if (isClosed(appeal.state as AppealState)) throw new DomainError("appeal_closed", { state: appeal.state });
      const latest = latestExtendedDeadline(await loadPolicy(tx, appeal.type), appeal.registeredOn);
      if (dueOn <= appeal.dueOn) throw new DomainError("extension_not_later", { due: appeal.dueOn });
      if (dueOn > latest) throw new DomainError("extension_too_long", { latest });
      const calendar = await loadCalendar(tx);
      if (!isWorkingDay(calendar, dueOn)) throw new DomainError("extension_day_off", { next: sameOrNextWorkingDay(calendar, dueOn) });
      const [request] = await tx
        .insert(appealExtensions)
        .values({ appealId, requestedBy: actor.userId, reason, proposedDueOn: dueOn, requestedAt: ctx.clock.now() })
        .returning();
      const eventId = await appendEvent(ctx, tx, { appealId, actor, kind: "extension_requested", comment: reason, data: { dueOn } });
      // Who decides on extensions: the Head and the deputies (DESIGN §1).
      await notifyRoles(ctx, tx, { roles: ["head", "deputy"], clearedOnly: appeal.restricted }, (deciderId) => `event:${eventId}:decider:${deciderId}`, {
        key: "staff.notice.extension_requested",
        params: { number: appeal.number },
      });
      return { extensionId: request!.id, number: appeal.number, latest };
    });
  } catch (error) {
    if (isUniqueViolation(error, "appeal_extensions_one_pending_idx")) throw new DomainError("extension_pending");
    throw error;
  }
}

const decideInput = z.object({ extensionId: z.number().int().positive(), grant: z.boolean() });

/**
 * The Head's or a deputy's decision. Granted: the appeal's deadline moves, with the reason on
 * record, and the citizen is told the new date at once (well within the notice term). Either
 * way the one who asked is told. A second tap finds it decided and changes nothing.
 */
export async function decideExtension(ctx: Ctx, actor: Actor, raw: z.input<typeof decideInput>) {
  const { extensionId, grant } = parseInput(decideInput, raw);
  assertCan(actor, "appeal.extend", {});
  const [request] = await ctx.db.select().from(appealExtensions).where(eq(appealExtensions.id, extensionId));
  if (!request) throw new DomainError("stale_button");
  if (request.decidedAt) throw new DomainError("extension_decided");
  return transition(ctx, actor, {
    appealId: request.appealId,
    action: "extend",
    permission: "appeal.extend",
    event: grant ? "deadline_extended" : "extension_refused",
    comment: request.reason,
    data: { extensionId, dueOn: request.proposedDueOn },
    update: grant ? { dueOn: request.proposedDueOn } : undefined,
    within: async (tx, appeal, eventId) => {
      const decided = await tx
        .update(appealExtensions)
        .set({ decision: grant ? "granted" : "refused", decidedBy: actor.userId, decidedAt: ctx.clock.now() })
        .where(and(eq(appealExtensions.id, extensionId), isNull(appealExtensions.decidedAt)))
        .returning({ id: appealExtensions.id });
      if (decided.length === 0) throw new DomainError("extension_decided");
      const [requester] = await tx.select().from(users).where(eq(users.id, request.requestedBy));
      if (requester) {
        await enqueue(ctx, tx, {
          dedupeKey: `event:${eventId}:requester`,
          chatId: requester.telegramId,
          language: languageOf(requester),
          key: grant ? "staff.notice.extension_granted" : "staff.notice.extension_refused",
          params: { number: appeal.number, due: grant ? request.proposedDueOn : appeal.dueOn },
        });
      }
    },
    notify: () => (grant ? { key: "appeal.notice.extended", params: { due: request.proposedDueOn, reason: request.reason } } : null),
  });
}

export interface PendingExtension {
  extensionId: number;
  appealId: number;
  number: string;
  dueOn: string;
  proposedDueOn: string;
  reason: string;
  requester: string;
}

/** Requests waiting for a decision, the nearest deadline first. */
export async function pendingExtensions(ctx: Ctx, actor: Actor): Promise<PendingExtension[]> {
  assertCan(actor, "appeal.extend", {});
  return ctx.db
    .select({
      extensionId: appealExtensions.id,
      appealId: appeals.id,
      number: appeals.number,
      dueOn: appeals.dueOn,
      proposedDueOn: appealExtensions.proposedDueOn,
      reason: appealExtensions.reason,
      requester: users.fullName,
    })
    .from(appealExtensions)
    .innerJoin(appeals, eq(appeals.id, appealExtensions.appealId))
    .innerJoin(users, eq(users.id, appealExtensions.requestedBy))
    .where(and(isNull(appealExtensions.decidedAt), actor.clearance ? undefined : eq(appeals.restricted, false)))
    .orderBy(asc(appeals.dueOn), asc(appealExtensions.id))
    .then((rows) => rows.map((r) => ({ ...r, requester: r.requester ?? "" })));
}
