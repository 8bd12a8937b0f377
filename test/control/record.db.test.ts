import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordControlDocument, type RecordInput } from "../../core/control/record.js";
import type { Actor } from "../../core/shared/roles.js";
import { controlDocuments, controlEvents, controlExecutors, outbox } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";
import { refusal, refusalOf } from "../support/refusal.js";
import { staffIn, unitId } from "./fixtures.js";

let tdb: TestDatabase;
let ctx: ReturnType<typeof testCtx>;
let registrar: Actor;
let reception: Actor;
let executor: Actor;
let secondExecutor: Actor;
let citizen: Actor;
let reviewer: Actor;
beforeAll(async () => {
  tdb = await openTestDatabase();
  // Monday 16 March 2026, a week before Nauryz.
  ctx = testCtx(tdb.database, "2026-03-16T10:00:00+05:00");
  registrar = await staffMember(ctx, 9101, "registrar");
  reception = await staffMember(ctx, 9102, "reception");
  reviewer = await staffMember(ctx, 9103, "reviewer");
  const ja = await unitId(ctx, "judicial_administration");
  executor = await staffIn(ctx, 9104, "executor", "Сейітов Нұрлан", ja);
  secondExecutor = await staffIn(ctx, 9105, "executor", "Әлиева Гүлнар", ja);
  citizen = await signedUpCitizen(ctx, 9106);
});
afterAll(() => tdb.dispose());

const valid = (over: Partial<RecordInput> = {}): RecordInput => ({
  source: "head_of_state",
  sourceNumber: "21-01.1234",
  sourceDate: "2026-03-13",
  text: "Сот төрағаларының азаматтарды қабылдау кестесін жариялау туралы ұсыныс дайындалсын.",
  executorUserIds: [executor.userId, secondExecutor.userId],
  dueOn: "2026-04-02",
  ...over,
});

describe(`recording a control document on ${dbKind}`, () => {
  it("gives the year's next number, fixes each executor's reminder day and sends each the assignment", async () => {
    const first = await recordControlDocument(ctx, registrar, valid());
    const second = await recordControlDocument(ctx, registrar, valid({ executorUserIds: [executor.userId], dueOn: "2026-03-20" }));
    expect(first.number).toBe("БҚ-2026-000001");
    expect(second.number).toBe("БҚ-2026-000002");
    expect(first.executors.map((e) => e.remindOn)).toEqual(["2026-03-30", "2026-03-30"]);
    expect(second.executors[0]!.remindOn).toBe("2026-03-18");

    const sent = (await ctx.db.select().from(outbox)).filter((o) => o.dedupeKey.startsWith("control:assigned:"));
    expect(sent.map((o) => o.chatId).sort()).toEqual([9104, 9104, 9105]);
    expect(sent[0]!.payload).toMatchObject({ key: "control.notice.assigned", params: { number: first.number, due: "02.04.2026", sourceNumber: "21-01.1234" }, keyboard: { name: "control.executor" } });
    const [event] = await ctx.db.select().from(controlEvents).where(eq(controlEvents.documentId, first.documentId));
    expect(event).toMatchObject({ kind: "recorded", actorUserId: registrar.userId });
  });

  it("refuses a due date in the past or on a day off, offering the next working day", async () => {
    const past = await refusalOf(recordControlDocument(ctx, registrar, valid({ dueOn: "2026-03-13" })));
    expect(past.code).toBe("control_due_past");
    expect(past.params).toMatchObject({ next: "16.03.2026" });
    const holiday = await refusalOf(recordControlDocument(ctx, registrar, valid({ dueOn: "2026-03-24" })));
    expect(holiday.code).toBe("control_due_day_off");
    expect(holiday.params).toMatchObject({ next: "26.03.2026" });
    const sunday = await refusalOf(recordControlDocument(ctx, registrar, valid({ dueOn: "2026-03-29" })));
    expect(sunday.params).toMatchObject({ next: "30.03.2026" });
  });

  it("refuses a document without an executor, with a stranger as executor, or without text or file", async () => {
    expect(await refusal(recordControlDocument(ctx, registrar, valid({ executorUserIds: [] })))).toBe("control_executor_missing");
    expect(await refusal(recordControlDocument(ctx, registrar, valid({ executorUserIds: [citizen.userId] })))).toBe("control_executor_unknown");
    expect(await refusal(recordControlDocument(ctx, registrar, valid({ text: undefined })))).toBe("control_content_missing");
    expect(await refusal(recordControlDocument(ctx, registrar, valid({ sourceDate: "2026-03-17" })))).toBe("control_source_date_future");
  });

  it("is refused to a citizen and to staff who do not record control documents", async () => {
    expect(await refusal(recordControlDocument(ctx, citizen, valid()))).toBe("staff_only");
    expect(await refusal(recordControlDocument(ctx, reviewer, valid()))).toBe("forbidden");
    expect(await refusal(recordControlDocument(ctx, executor, valid()))).toBe("forbidden");
    expect(await refusal(recordControlDocument(ctx, reception, valid()))).toBe("forbidden");
  });

  it("takes an assignment given at personal reception from reception staff, with a reference to where it came from", async () => {
    const recorded = await recordControlDocument(ctx, reception, valid({ source: "reception", origin: { kind: "reception", id: 42 } }));
    const [row] = await ctx.db.select().from(controlDocuments).where(eq(controlDocuments.id, recorded.documentId));
    expect(row).toMatchObject({ source: "reception", originKind: "reception", originId: 42 });
  });

  it("changes nothing when refused: no number is used up and nothing is sent", async () => {
    const before = await ctx.db.select().from(controlExecutors);
    const outboxBefore = await ctx.db.select().from(outbox);
    await refusal(recordControlDocument(ctx, registrar, valid({ dueOn: "2026-03-25" })));
    expect(await ctx.db.select().from(controlExecutors)).toHaveLength(before.length);
    expect(await ctx.db.select().from(outbox)).toHaveLength(outboxBefore.length);
    const next = await recordControlDocument(ctx, registrar, valid());
    expect(next.number).toBe("БҚ-2026-000004");
  });
});
