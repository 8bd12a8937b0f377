import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlJobs } from "../../core/control/jobs.js";
import { reportOverdue } from "../../core/control/overdue.js";
import { recordControlDocument, type RecordInput } from "../../core/control/record.js";
import { sendDueReminders } from "../../core/control/reminders.js";
import { acceptReport, submitReport } from "../../core/control/report.js";
import { sendWeeklySummary } from "../../core/control/weekly-summary.js";
import { addDays, almatyDate } from "../../core/calendar/dates.js";
import type { Actor } from "../../core/shared/roles.js";
import { outbox } from "../../db/schema/index.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { addUnit } from "../../core/staff/units.js";
import { staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";
import { jaUnitWithHeads, staffIn } from "./fixtures.js";

let tdb: TestDatabase;
let ctx: ReturnType<typeof testCtx>;
let registrar: Actor;
let first: Actor;
let second: Actor;
let third: Actor;
let unitHead: Actor;
let jaHead: Actor;
beforeAll(async () => {
  tdb = await openTestDatabase();
  ctx = testCtx(tdb.database, "2026-03-16T09:30:00+05:00");
  registrar = await staffMember(ctx, 9201, "registrar");
  unitHead = await staffIn(ctx, 9202, "executor", "Бекова Ләззат", null);
  jaHead = await staffIn(ctx, 9203, "head", "Исабеков Бауыржан", null);
  const unit = await jaUnitWithHeads(ctx, "personnel", unitHead, jaHead);
  first = await staffIn(ctx, 9204, "executor", "Сейітов Нұрлан", unit);
  second = await staffIn(ctx, 9205, "executor", "Әлиева Гүлнар", unit);
  third = await staffIn(ctx, 9206, "executor", "Ким Ольга", unit);
});
afterAll(() => tdb.dispose());

const record = (executorUserIds: number[], dueOn: string) =>
  recordControlDocument(ctx, registrar, {
    source: "sc_chairman",
    sourceNumber: "5-12/88",
    sourceDate: "2026-03-13",
    text: "Судьялардың жүктемесі туралы ақпарат ұсынылсын.",
    executorUserIds,
    dueOn,
  } satisfies RecordInput);

const at = (day: string, time = "09:00") => ctx.clock.set(`${day}T${time}:00+05:00`);

async function messages(prefix: string) {
  return (await ctx.db.select().from(outbox)).filter((o) => o.dedupeKey.startsWith(prefix));
}

describe(`scheduled control jobs on ${dbKind}`, () => {
  it("remind each executor exactly once, on the right working day across a weekend and Nauryz, however often they run", async () => {
    const long = await record([first.userId, second.userId], "2026-04-02");
    const mid = await record([third.userId], "2026-03-27");
    const short = await record([first.userId], "2026-03-20");

    const remindedOn = new Map<number, string[]>();
    for (let day = "2026-03-16"; day <= "2026-04-03"; day = addDays(day, 1)) {
      at(day);
      // A restart runs every job again; two instances may run it at the same moment.
      await sendDueReminders(ctx);
      await Promise.all([sendDueReminders(ctx), sendDueReminders(ctx)]);
      for (const row of await messages("control:remind:")) {
        const executorId = Number(row.dedupeKey.split(":")[2]);
        if (!remindedOn.has(executorId)) remindedOn.set(executorId, [almatyDate(row.createdAt)]);
      }
    }
    const reminders = await messages("control:remind:");
    expect(reminders).toHaveLength(4);
    const on = (executorId: number) => remindedOn.get(executorId);
    // Three working days before Thursday 2 April is Monday 30 March (23–25 March are Nauryz days off).
    expect(on(long.executors[0]!.executorId)).toEqual(["2026-03-30"]);
    expect(on(long.executors[1]!.executorId)).toEqual(["2026-03-30"]);
    // Three working days before Friday 27 March is Thursday 19 March, not the holiday of 24 March.
    expect(on(mid.executors[0]!.executorId)).toEqual(["2026-03-19"]);
    // Four working days' term: the reminder comes halfway, on Wednesday 18 March.
    expect(on(short.executors[0]!.executorId)).toEqual(["2026-03-18"]);
    expect(reminders.every((r) => (r.payload as { key: string }).key === "control.notice.reminder")).toBe(true);
  });

  it("skip the reminder of an executor who already reported", async () => {
    at("2026-03-16", "11:00");
    const doc = await record([second.userId], "2026-03-20");
    await submitReport(ctx, second, { executorId: doc.executors[0]!.executorId, note: "Ақпарат жіберілді." });
    at("2026-03-18");
    expect(await sendDueReminders(ctx)).toBe(0);
  });

  it("report an overdue item once to the Head of JA and the unit head, and never an executed one", async () => {
    at("2026-04-06", "12:00");
    const late = await record([first.userId], "2026-04-07");
    const done = await record([second.userId], "2026-04-07");
    const report = await submitReport(ctx, second, { executorId: done.executors[0]!.executorId, note: "Орындалды." });
    await acceptReport(ctx, registrar, { reportId: report.reportId });
    const lateMessages = () => messages(`control:overdue:${late.executors[0]!.executorId}:`);

    // On the due date itself nothing is overdue yet (the items of the first test are, long since).
    at("2026-04-07", "18:00");
    await reportOverdue(ctx);
    expect(await lateMessages()).toHaveLength(0);

    at("2026-04-08");
    await Promise.all([reportOverdue(ctx), reportOverdue(ctx)]);
    expect(await reportOverdue(ctx)).toBe(0);
    const overdue = await lateMessages();
    expect(overdue.map((o) => o.chatId).sort()).toEqual([9202, 9203]);
    expect(overdue[0]!.payload).toMatchObject({ key: "control.notice.overdue", params: { number: late.number, executor: "Сейітов Нұрлан", unit: "Кадр қызметі", due: "07.04.2026", days: 1 } });
    expect((await messages(`control:overdue:${done.executors[0]!.executorId}:`))).toHaveLength(0);
  });

  it("tell the head of the unit above when the executor's own unit names none", async () => {
    const archive = await addUnit(ctx, CONSOLE_OPERATOR, { code: "personnel_archive", kind: "ja_unit", parentCode: "personnel", nameKk: "Кадр мұрағаты", nameRu: "Архив кадров" });
    const archivist = await staffIn(ctx, 9207, "executor", "Омарова Динара", archive.id);
    at("2026-04-08", "12:00");
    const item = await record([archivist.userId], "2026-04-09");
    at("2026-04-10");
    await reportOverdue(ctx);
    const told = await messages(`control:overdue:${item.executors[0]!.executorId}:`);
    expect(told.map((o) => o.chatId).sort()).toEqual([9202, 9203]);
    expect(told[0]!.payload).toMatchObject({ params: { unit: "Кадр мұрағаты" } });
  });

  it("send the weekly summary to the Head of JA on Mondays only, once, with the week's counts", async () => {
    const summaries = async () => messages("control:weekly:");
    const before = (await summaries()).length;
    for (const day of ["2026-04-07", "2026-04-08", "2026-04-09", "2026-04-10", "2026-04-11", "2026-04-12"]) {
      at(day, "09:00");
      expect(await sendWeeklySummary(ctx)).toBe(0);
    }
    // Before nine on Monday a catch-up run waits for the hour.
    at("2026-04-13", "07:00");
    expect(await sendWeeklySummary(ctx)).toBe(0);
    at("2026-04-13", "09:00");
    expect(await sendWeeklySummary(ctx)).toBe(1);
    expect(await sendWeeklySummary(ctx)).toBe(0);
    const sent = (await summaries()).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.chatId).toBe(9203);
    // Due 6–12 April: two items on 7 April (one executed on time, one not) and the archive's on 9 April.
    expect(sent[0]!.payload).toMatchObject({
      key: "control.notice.weekly_summary",
      params: { from: "06.04.2026", to: "12.04.2026", due: 3, onTime: 1, late: 0, overdue: 2 },
    });
  });

  it("are exported for the scheduler with their Almaty cron times", () => {
    expect(controlJobs.map((j) => [j.name, j.cron])).toEqual([
      ["control.reminders", "0 9 * * *"],
      ["control.overdue", "5 9 * * *"],
      ["control.weekly_summary", "0 9 * * 1"],
    ]);
  });
});
