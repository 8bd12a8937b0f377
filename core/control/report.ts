import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../db/client.js";
import { controlReports, controlExecutors } from "../../db/schema/index.js";
import { almatyDate, dottedDate } from "../calendar/dates.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan, assertMayAttempt } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { appendControlEvent } from "./events.js";
import { assertExecutor, assertOpen, lockExecutor } from "./executor-row.js";
import { notifyStaff } from "../staff/notify.js";
import { deciders } from "./deciders.js";

const submitInput = z.object({
  executorId: z.number().int().positive(),
  note: z.string().trim().min(1).max(4000).optional(),
  fileId: z.number().int().positive().optional(),
});

/** The executor reports execution with a note and/or a file; the registrar who recorded it decides. */
export async function submitReport(ctx: Ctx, actor: Actor, raw: z.input<typeof submitInput>): Promise<{ reportId: number; number: string }> {
  const { executorId, note, fileId } = parseInput(submitInput, raw);
  assertMayAttempt(actor, "control.execute");
  if (note === undefined && fileId === undefined) throw new DomainError("control_report_empty");
  return ctx.db.transaction(async (tx) => {
    const { executor, document } = await lockExecutor(tx, executorId);
    assertExecutor(actor, executor);
    assertOpen(executor);
    if (executor.state === "reported") throw new DomainError("control_report_pending");
    const [report] = await tx
      .insert(controlReports)
      .values({ executorId, note: note ?? null, fileId: fileId ?? null, submittedAt: ctx.clock.now() })
      .returning({ id: controlReports.id });
    await tx.update(controlExecutors).set({ state: "reported" }).where(eq(controlExecutors.id, executorId));
    await appendControlEvent(ctx, tx, { documentId: document.id, executorId, actor, kind: "report_submitted", comment: note ?? null, data: { reportId: report!.id, fileId: fileId ?? null } });
    await notifyStaff(ctx, tx, await deciders(ctx, tx, document.createdBy), (userId) => `control:report:${report!.id}:${userId}`, {
      key: "control.notice.report_submitted",
      params: { number: document.number, note: note ?? "" },
      fileIds: fileId === undefined ? [] : [fileId],
      keyboard: { name: "control.report", ref: report!.id },
    });
    return { reportId: report!.id, number: document.number };
  });
}

const acceptInput = z.object({ reportId: z.number().int().positive() });
const returnInput = z.object({ reportId: z.number().int().positive(), comment: z.string().trim().min(1).max(2000) });

export interface Decided {
  number: string;
  executorUserId: number;
  onTime: boolean;
}

/** Accepted means executed (Reg. 7.1.8): on time when accepted by the due date. The executor is told. */
export async function acceptReport(ctx: Ctx, actor: Actor, raw: z.input<typeof acceptInput>): Promise<Decided> {
  const { reportId } = parseInput(acceptInput, raw);
  assertCan(actor, "control.decide");
  return ctx.db.transaction(async (tx) => {
    const { executor, document } = await lockPendingReport(tx, reportId);
    const today = almatyDate(ctx.clock.now());
    const onTime = today <= executor.dueOn;
    await tx.update(controlReports).set({ state: "accepted", decidedBy: actor.userId, decidedAt: ctx.clock.now() }).where(eq(controlReports.id, reportId));
    await tx.update(controlExecutors).set({ state: "executed", executedOn: today }).where(eq(controlExecutors.id, executor.id));
    await appendControlEvent(ctx, tx, { documentId: document.id, executorId: executor.id, actor, kind: "report_accepted", data: { reportId, onTime } });
    await notifyStaff(ctx, tx, [executor.userId], () => `control:report:${reportId}:accepted`, {
      key: onTime ? "control.notice.accepted" : "control.notice.accepted_late",
      params: { number: document.number, due: dottedDate(executor.dueOn) },
    });
    return { number: document.number, executorUserId: executor.userId, onTime };
  });
}

/** Back to the executor with a comment, to report again; a return without one is refused. */
export async function returnReport(ctx: Ctx, actor: Actor, raw: z.input<typeof returnInput>): Promise<Decided> {
  const parsed = returnInput.safeParse(raw);
  if (!parsed.success) throw new DomainError("comment_required");
  const { reportId, comment } = parsed.data;
  assertCan(actor, "control.decide");
  return ctx.db.transaction(async (tx) => {
    const { executor, document } = await lockPendingReport(tx, reportId);
    await tx.update(controlReports).set({ state: "returned", decidedBy: actor.userId, decidedAt: ctx.clock.now(), comment }).where(eq(controlReports.id, reportId));
    await tx.update(controlExecutors).set({ state: "assigned" }).where(eq(controlExecutors.id, executor.id));
    await appendControlEvent(ctx, tx, { documentId: document.id, executorId: executor.id, actor, kind: "report_returned", comment, data: { reportId } });
    await notifyStaff(ctx, tx, [executor.userId], () => `control:report:${reportId}:returned`, {
      key: "control.notice.returned",
      params: { number: document.number, comment, due: dottedDate(executor.dueOn) },
      keyboard: { name: "control.executor", ref: executor.id },
    });
    return { number: document.number, executorUserId: executor.userId, onTime: false };
  });
}

/** The report, still waiting; a second decision (another registrar's, or a second tap) is refused. */
async function lockPendingReport(tx: Tx, reportId: number) {
  const [report] = await tx.select().from(controlReports).where(eq(controlReports.id, reportId));
  if (!report) throw new DomainError("control_not_found");
  const locked = await lockExecutor(tx, report.executorId);
  const [current] = await tx.select({ state: controlReports.state }).from(controlReports).where(eq(controlReports.id, reportId));
  if (current?.state !== "pending") throw new DomainError("control_report_decided");
  return locked;
}
