import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scheduledJobs as jobsFor } from "../../bot/scheduled-jobs.js";
import { renderOutbox } from "../../bot/delivery/render-outbox.js";
import { startScheduler } from "../../bot/scheduler.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { registerAppeal } from "../../core/appeals/register.js";
import { loadConfig } from "../../core/config.js";
import type { OutboxPayload } from "../../core/outbox/delivery.js";
import type { Ctx } from "../../core/shared/context.js";
import type { Actor, Language } from "../../core/shared/roles.js";
import { appeals, outbox } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { quietLogger, testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";

const scheduledJobs = jobsFor(loadConfig({}));
let tdb: TestDatabase;
let ctx: ReturnType<typeof testCtx>;
let reviewer: Actor;
let head: Actor;

/** A scheduler's own context, as another process would have, whose log keeps what each run wrote. */
function instance(): { core: Ctx; runs: { job: string; written: number }[] } {
  const runs: { job: string; written: number }[] = [];
  const log = { ...quietLogger(), info: (obj: object) => void ("job" in obj && runs.push(obj as { job: string; written: number })) };
  return { core: { ...ctx, log }, runs };
}

const reminderRows = async () => (await ctx.db.select().from(outbox).orderBy(outbox.id)).filter((r) => /^(digest|last-days|overdue|forwarding):/.test(r.dedupeKey));

beforeAll(async () => {
  tdb = await openTestDatabase();
  ctx = testCtx(tdb.database, "2026-03-02T10:00:00+05:00");
  const citizen = await signedUpCitizen(ctx, 8701);
  const registrar = await staffMember(ctx, 8702, "registrar");
  reviewer = await staffMember(ctx, 8703, "reviewer");
  head = await staffMember(ctx, 8704, "head");
  for (const dueOn of ["2026-03-19", "2026-03-20", "2026-03-26", "2026-03-27", "2026-04-10"]) {
    const { appealId } = await registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "request", text: "Сот отырысының күнін хабарлауыңызды сұраймын.", language: "kk", replyChannel: "chat" });
    await classifyAppeal(ctx, registrar, { appealId, category: "court_proceedings", holderUserId: reviewer.userId });
    await ctx.db.update(appeals).set({ dueOn }).where(eq(appeals.id, appealId));
  }
});
afterAll(() => tdb.dispose());

describe(`the scheduler on ${dbKind}`, () => {
  it("runs every job once at start, catching up on the morning's reminders, and logs what each run wrote", async () => {
    // Friday 20 March, 14:00: the process was down at 09:00.
    ctx.clock.set("2026-03-20T14:00:00+05:00");
    const one = instance();
    const scheduler = startScheduler(one.core, scheduledJobs);
    await scheduler.caughtUp;
    await scheduler.stop();
    expect(one.runs.map((r) => r.job)).toEqual(scheduledJobs.map((j) => j.name));
    const rows = await reminderRows();
    // The digests of the reviewer and the Head, the overdue notice for the 19th to both, and last-days for the 20th, 26th and 27th.
    expect(rows.filter((r) => r.chatId === reviewer.telegramId).map((r) => r.dedupeKey.split(":")[0]).sort()).toEqual(["digest", "last-days", "last-days", "last-days", "overdue"]);
    expect(rows.filter((r) => r.chatId === head.telegramId).map((r) => r.dedupeKey.split(":")[0]).sort()).toEqual(["overdue"]);
    expect(one.runs.reduce((sum, r) => sum + r.written, 0)).toBe(rows.length);
  });

  it.skipIf(dbKind !== "PostgreSQL")("two instances starting at once write one row per reminder", async () => {
    // Thursday 26 March, after the Nauryz holidays: the 20th's deadline is overdue, the 26th is today.
    ctx.clock.set("2026-03-26T09:00:00+05:00");
    const before = (await reminderRows()).length;
    const [a, b] = [instance(), instance()];
    const schedulers = [startScheduler(a.core, scheduledJobs), startScheduler(b.core, scheduledJobs)];
    await Promise.all(schedulers.map((s) => s.caughtUp));
    await Promise.all(schedulers.map((s) => s.stop()));
    const rows = (await reminderRows()).slice(before);
    const written = [...a.runs, ...b.runs].reduce((sum, r) => sum + r.written, 0);
    expect(rows.length).toBeGreaterThan(0);
    expect(written).toBe(rows.length);
    // The reviewer's digest, and the overdue notice for the 20th to the reviewer and the Head.
    const today = rows.map((r) => `${r.chatId} ${r.dedupeKey.split(":")[0]}`).sort();
    expect(today).toEqual([`${head.telegramId} overdue`, `${reviewer.telegramId} digest`, `${reviewer.telegramId} overdue`].sort());
  });

  it("tells the administrators in their language when a job fails, once a day however often it fails", async () => {
    const admin = await staffMember(ctx, 8705, "admin");
    let failing = true;
    const flaky = { name: "appeals.digest", cron: "* * * * *", run: async () => (failing ? Promise.reject(new Error("relation missing")) : 0) };
    const noticesOfFailure = async () => (await ctx.db.select().from(outbox).orderBy(outbox.id)).filter((r) => r.dedupeKey.startsWith("job-failed:"));

    ctx.clock.set("2026-03-23T09:00:00+05:00");
    const failures: boolean[] = [];
    for (let run = 0; run < 3; run++) {
      const scheduler = startScheduler(instance().core, [flaky], (_job, ok) => failures.push(ok));
      await scheduler.caughtUp;
      await scheduler.stop();
    }
    expect(failures).toEqual([false, false, false]);
    const [notice] = await noticesOfFailure();
    expect(await noticesOfFailure()).toHaveLength(1);
    expect(notice).toMatchObject({ chatId: admin.telegramId, status: "pending" });
    expect(renderOutbox(notice!.payload as OutboxPayload, notice!.language as Language).join("")).toBe(
      "⚠️ Жоспарлы тапсырма орындалмады (23.03.2026 09:00): әр қызметкерге мерзімдер бойынша таңғы шолу (<code>appeals.digest</code>). Ол келесі белгіленген уақытында қайта іске қосылады; қатенің толық мәтіні бот журналында. Бүгін бұл тапсырма туралы қайта хабарламаймыз.",
    );

    // The next day it is said again; a run that succeeds says nothing.
    ctx.clock.set("2026-03-24T09:00:00+05:00");
    await startScheduler(instance().core, [flaky]).stop();
    failing = false;
    await startScheduler(instance().core, [flaky]).stop();
    expect((await noticesOfFailure()).map((r) => r.dedupeKey)).toEqual([`job-failed:appeals.digest:2026-03-23:${admin.userId}`, `job-failed:appeals.digest:2026-03-24:${admin.userId}`]);
  });
});
