import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { controlExecutors, controlExtensionRequests } from "../../db/schema/index.js";
import { loadCalendar } from "../calendar/calendar-store.js";
import { almatyDate, dottedDate, isIsoDate } from "../calendar/dates.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan, assertMayAttempt } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { assertDueDate } from "./due-date.js";
import { appendControlEvent } from "./events.js";
import { assertExecutor, assertOpen, lockExecutor } from "./executor-row.js";
import { notifyStaff } from "../staff/notify.js";
import { deciders } from "./deciders.js";
import { reminderLead } from "./policy.js";
import { reminderDay } from "./reminder-day.js";

const requestInput = z.object({
  executorId: z.number().int().positive(),
  reason: z.string().trim().min(2).max(2000),
  proposedDueOn: z.string().refine(isIsoDate),
});

/** The executor asks for more time: a reason and a later working day; one request waits at a time. */
export async function requestExtension(ctx: Ctx, actor: Actor, raw: z.input<typeof requestInput>): Promise<{ requestId: number; number: string }> {
  const { executorId, reason, proposedDueOn } = parseInput(requestInput, raw);
  assertMayAttempt(actor, "control.execute");
  return ctx.db.transaction(async (tx) => {
    const { executor, document } = await lockExecutor(tx, executorId);
    assertExecutor(actor, executor);
    assertOpen(executor);
    if (proposedDueOn <= executor.dueOn) throw new DomainError("control_extension_not_later", { due: dottedDate(executor.dueOn) });
    assertDueDate(await loadCalendar(tx), almatyDate(ctx.clock.now()), proposedDueOn);
    const [waiting] = await tx
      .select({ id: controlExtensionRequests.id })
      .from(controlExtensionRequests)
      .where(and(eq(controlExtensionRequests.executorId, executorId), eq(controlExtensionRequests.state, "pending")));
    if (waiting) throw new DomainError("control_extension_pending");
    const [request] = await tx
      .insert(controlExtensionRequests)
      .values({ executorId, reason, proposedDueOn, requestedAt: ctx.clock.now() })
      .returning({ id: controlExtensionRequests.id });
    await appendControlEvent(ctx, tx, { documentId: document.id, executorId, actor, kind: "extension_requested", comment: reason, data: { requestId: request!.id, proposedDueOn } });
    await notifyStaff(ctx, tx, await deciders(ctx, tx, document.createdBy), (userId) => `control:extension:${request!.id}:${userId}`, {
      key: "control.notice.extension_requested",
      params: { number: document.number, reason, due: dottedDate(executor.dueOn), proposed: dottedDate(proposedDueOn) },
      keyboard: { name: "control.extension", ref: request!.id },
    });
    return { requestId: request!.id, number: document.number };
  });
}

const decideInput = z.object({ requestId: z.number().int().positive(), grant: z.boolean() });

/**
 * A registrar, deputy or the Head grants the new date or refuses it; the executor is told. A granted
 * date gets its own reminder day unless the executor was already reminded (one reminder, ever).
 */
export async function decideExtension(ctx: Ctx, actor: Actor, raw: z.input<typeof decideInput>): Promise<{ number: string; granted: boolean; dueOn: string }> {
  const { requestId, grant } = parseInput(decideInput, raw);
  assertCan(actor, "control.decide");
  return ctx.db.transaction(async (tx) => {
    const [request] = await tx.select().from(controlExtensionRequests).where(eq(controlExtensionRequests.id, requestId));
    if (!request) throw new DomainError("control_not_found");
    const { executor, document } = await lockExecutor(tx, request.executorId);
    const [current] = await tx.select({ state: controlExtensionRequests.state }).from(controlExtensionRequests).where(eq(controlExtensionRequests.id, requestId));
    if (current?.state !== "pending") throw new DomainError("control_extension_decided");
    assertOpen(executor);
    const now = ctx.clock.now();
    await tx
      .update(controlExtensionRequests)
      .set({ state: grant ? "granted" : "refused", decidedBy: actor.userId, decidedAt: now })
      .where(eq(controlExtensionRequests.id, requestId));
    const dueOn = grant ? request.proposedDueOn : executor.dueOn;
    if (grant) {
      const remindOn = executor.remindedAt ? executor.remindOn : reminderDay(await loadCalendar(tx), almatyDate(now), dueOn, await reminderLead(tx));
      await tx.update(controlExecutors).set({ dueOn, remindOn }).where(eq(controlExecutors.id, executor.id));
    }
    await appendControlEvent(ctx, tx, {
      documentId: document.id,
      executorId: executor.id,
      actor,
      kind: grant ? "extension_granted" : "extension_refused",
      data: { requestId, from: executor.dueOn, to: dueOn },
    });
    await notifyStaff(ctx, tx, [executor.userId], () => `control:extension:${requestId}:decided`, {
      key: grant ? "control.notice.extension_granted" : "control.notice.extension_refused",
      params: { number: document.number, due: dottedDate(dueOn) },
    });
    return { number: document.number, granted: grant, dueOn };
  });
}
