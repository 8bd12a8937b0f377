import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideExtension, requestExtension } from "../../core/control/extension.js";
import { recordControlDocument } from "../../core/control/record.js";
import { sendDueReminders } from "../../core/control/reminders.js";
import { acceptReport, returnReport, submitReport } from "../../core/control/report.js";
import type { Actor } from "../../core/shared/roles.js";
import { controlEvents, controlExecutors, outbox } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";
import { refusal } from "../support/refusal.js";
import { staffIn, unitId } from "./fixtures.js";

let tdb: TestDatabase;
let ctx: ReturnType<typeof testCtx>;
let registrar: Actor;
let deputy: Actor;
let executor: Actor;
let colleague: Actor;
let citizen: Actor;
beforeAll(async () => {
  tdb = await openTestDatabase();
  ctx = testCtx(tdb.database, "2026-03-02T10:00:00+05:00");
  registrar = await staffMember(ctx, 9401, "registrar");
  deputy = await staffMember(ctx, 9402, "deputy");
  const ja = await unitId(ctx, "judicial_administration");
  executor = await staffIn(ctx, 9403, "executor", "Сейітов Нұрлан", ja);
  colleague = await staffIn(ctx, 9404, "executor", "Әлиева Гүлнар", ja);
  citizen = await signedUpCitizen(ctx, 9405);
});
afterAll(() => tdb.dispose());

async function assigned(dueOn = "2026-03-20"): Promise<{ executorId: number; number: string; documentId: number }> {
  const recorded = await recordControlDocument(ctx, registrar, {
    source: "prime_minister_office",
    sourceNumber: "12-3/45",
    sourceDate: "2026-02-27",
    text: "Ақпарат ұсынылсын.",
    executorUserIds: [executor.userId],
    dueOn,
  });
  return { executorId: recorded.executors[0]!.executorId, number: recorded.number, documentId: recorded.documentId };
}

const executorRow = async (id: number) => (await ctx.db.select().from(controlExecutors).where(eq(controlExecutors.id, id)))[0]!;
const sentTo = async (chatId: number, key: string) => (await ctx.db.select().from(outbox)).filter((o) => o.chatId === chatId && (o.payload as { key: string }).key === key);

describe(`executing a control document on ${dbKind}`, () => {
  it("takes a report only from its executor, one at a time, and refuses an empty one", async () => {
    const { executorId } = await assigned();
    expect(await refusal(submitReport(ctx, colleague, { executorId, note: "Менікі емес." }))).toBe("control_not_found");
    expect(await refusal(submitReport(ctx, citizen, { executorId, note: "Азамат." }))).toBe("staff_only");
    expect(await refusal(submitReport(ctx, executor, { executorId }))).toBe("control_report_empty");
    await submitReport(ctx, executor, { executorId, note: "Орындалды." });
    expect(await refusal(submitReport(ctx, executor, { executorId, note: "Тағы." }))).toBe("control_report_pending");
    expect((await executorRow(executorId)).state).toBe("reported");
    expect(await sentTo(9401, "control.notice.report_submitted")).toHaveLength(1);
  });

  it("lets only registrars, deputies and the Head decide, once; a return needs a comment and reopens the item", async () => {
    const { executorId, number } = await assigned();
    const { reportId } = await submitReport(ctx, executor, { executorId, note: "Дайын." });
    expect(await refusal(acceptReport(ctx, executor, { reportId }))).toBe("forbidden");
    expect(await refusal(returnReport(ctx, registrar, { reportId, comment: " " }))).toBe("comment_required");
    await returnReport(ctx, deputy, { reportId, comment: "Хаттың көшірмесін қосыңыз." });
    expect(await refusal(acceptReport(ctx, registrar, { reportId }))).toBe("control_report_decided");
    expect((await executorRow(executorId)).state).toBe("assigned");
    const [returned] = (await sentTo(9403, "control.notice.returned")).filter((o) => (o.payload as { params: { number: string } }).params.number === number);
    expect(returned!.payload).toMatchObject({ params: { comment: "Хаттың көшірмесін қосыңыз." }, keyboard: { name: "control.executor", ref: executorId } });
  });

  it("counts an item accepted after its due date as executed late, and tells the executor so", async () => {
    const { executorId } = await assigned("2026-03-04");
    const { reportId } = await submitReport(ctx, executor, { executorId, note: "Кешікті." });
    ctx.clock.set("2026-03-05T10:00:00+05:00");
    expect((await acceptReport(ctx, registrar, { reportId })).onTime).toBe(false);
    expect(await executorRow(executorId)).toMatchObject({ state: "executed", executedOn: "2026-03-05" });
    expect(await sentTo(9403, "control.notice.accepted_late")).toHaveLength(1);
    expect(await refusal(submitReport(ctx, executor, { executorId, note: "Тағы." }))).toBe("control_already_executed");
    ctx.clock.set("2026-03-02T10:00:00+05:00");
  });

  it("asks for more time with a later working day; a decision is made once and the executor is told", async () => {
    const { executorId } = await assigned("2026-03-20");
    expect(await refusal(requestExtension(ctx, executor, { executorId, reason: "Деректер жоқ.", proposedDueOn: "2026-03-19" }))).toBe("control_extension_not_later");
    expect(await refusal(requestExtension(ctx, executor, { executorId, reason: "Деректер жоқ.", proposedDueOn: "2026-03-24" }))).toBe("control_due_day_off");
    expect(await refusal(requestExtension(ctx, colleague, { executorId, reason: "Деректер жоқ.", proposedDueOn: "2026-03-27" }))).toBe("control_not_found");
    const first = await requestExtension(ctx, executor, { executorId, reason: "Деректер жоқ.", proposedDueOn: "2026-03-27" });
    expect(await refusal(requestExtension(ctx, executor, { executorId, reason: "Тағы.", proposedDueOn: "2026-03-30" }))).toBe("control_extension_pending");
    expect(await refusal(decideExtension(ctx, executor, { requestId: first.requestId, grant: true }))).toBe("forbidden");
    await decideExtension(ctx, registrar, { requestId: first.requestId, grant: false });
    expect(await refusal(decideExtension(ctx, deputy, { requestId: first.requestId, grant: true }))).toBe("control_extension_decided");
    expect((await executorRow(executorId)).dueOn).toBe("2026-03-20");
    expect(await sentTo(9403, "control.notice.extension_refused")).toHaveLength(1);

    const second = await requestExtension(ctx, executor, { executorId, reason: "Деректер әлі жоқ.", proposedDueOn: "2026-04-03" });
    await decideExtension(ctx, deputy, { requestId: second.requestId, grant: true });
    // The new date gets its reminder day: three working days before Friday 3 April is Tuesday 31 March.
    expect(await executorRow(executorId)).toMatchObject({ dueOn: "2026-04-03", remindOn: "2026-03-31" });
  });

  it("keeps one reminder even when more time is granted after it was sent", async () => {
    const { executorId } = await assigned("2026-03-10");
    ctx.clock.set("2026-03-05T09:00:00+05:00");
    await sendDueReminders(ctx);
    const { requestId } = await requestExtension(ctx, executor, { executorId, reason: "Қосымша уақыт керек.", proposedDueOn: "2026-03-20" });
    await decideExtension(ctx, registrar, { requestId, grant: true });
    for (const day of ["2026-03-16", "2026-03-17", "2026-03-18", "2026-03-19", "2026-03-20"]) {
      ctx.clock.set(`${day}T09:00:00+05:00`);
      await sendDueReminders(ctx);
    }
    expect((await ctx.db.select().from(outbox)).filter((o) => o.dedupeKey === `control:remind:${executorId}`)).toHaveLength(1);
    ctx.clock.set("2026-03-02T10:00:00+05:00");
  });

  it("keeps every step on an append-only trail", async () => {
    const { executorId, documentId } = await assigned();
    const { reportId } = await submitReport(ctx, executor, { executorId, note: "Орындалды." });
    await acceptReport(ctx, registrar, { reportId });
    const trail = await ctx.db.select().from(controlEvents).where(eq(controlEvents.documentId, documentId));
    expect(trail.map((e) => [e.kind, e.actorUserId])).toEqual([
      ["recorded", registrar.userId],
      ["report_submitted", executor.userId],
      ["report_accepted", registrar.userId],
    ]);
    await expect(ctx.db.execute(sql`update control_events set kind = 'forged' where document_id = ${documentId}`)).rejects.toThrow();
    await expect(ctx.db.execute(sql`delete from control_events where document_id = ${documentId}`)).rejects.toThrow();
  });
});
