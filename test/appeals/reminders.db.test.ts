import { randomUUID } from "node:crypto";
import { asc, eq, like, or } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitDraft } from "../../core/appeals/answer.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { writeForwardingReminders, writeLastDaysReminders, writeOverdueNotices } from "../../core/appeals/deadline-reminders.js";
import { digestMuted, setDigestMuted } from "../../core/appeals/digest-setting.js";
import { writeMorningDigests } from "../../core/appeals/digest.js";
import { registerAppeal } from "../../core/appeals/register.js";
import { appealReminderJobs } from "../../core/appeals/reminder-jobs.js";
import { almatyDate } from "../../core/calendar/dates.js";
import type { OutboxPayload } from "../../core/outbox/delivery.js";
import type { Actor } from "../../core/shared/roles.js";
import { periodOfDays, setActingHead } from "../../core/staff/delegations.js";
import { appeals, outbox } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";
import { refusal } from "../support/refusal.js";
import { shown } from "../support/texts.js";

let tdb: TestDatabase;
let ctx: ReturnType<typeof testCtx>;
let citizen: Actor;
let registrar: Actor;
let reviewer: Actor;
let mutedReviewer: Actor;
let head: Actor;
let deputy: Actor;
/** Appeals by the part they play: A due Fri 27 March, B and C due Fri 20 March, D awaiting approval, E not yet classified. */
const number: Record<"A" | "B" | "C" | "D" | "E", string> = { A: "", B: "", C: "", D: "", E: "" };

async function registered(): Promise<{ appealId: number; number: string }> {
  return registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "request", text: "Сот отырысының күнін хабарлауыңызды сұраймын.", language: "kk", replyChannel: "chat" });
}

/** An appeal held by `holder` whose deadline is `dueOn` (as registration or an extension left it). */
async function held(holder: Actor, dueOn: string): Promise<{ appealId: number; number: string }> {
  const appeal = await registered();
  await classifyAppeal(ctx, registrar, { appealId: appeal.appealId, category: "court_proceedings", holderUserId: holder.userId });
  await ctx.db.update(appeals).set({ dueOn }).where(eq(appeals.id, appeal.appealId));
  return appeal;
}

const runAll = async () => [await writeOverdueNotices(ctx), await writeMorningDigests(ctx), await writeLastDaysReminders(ctx), await writeForwardingReminders(ctx)];

async function reminders() {
  const rows = await ctx.db
    .select()
    .from(outbox)
    .where(or(like(outbox.dedupeKey, "digest:%"), like(outbox.dedupeKey, "last-days:%"), like(outbox.dedupeKey, "overdue:%"), like(outbox.dedupeKey, "forwarding:%")))
    // In the order they were written: a table read without an order has none (a vacuumed page is filled again).
    .orderBy(asc(outbox.id));
  return rows.map((r) => ({ ...r, payload: r.payload as OutboxPayload }));
}

const who = (chatId: number) => ({ [reviewer.telegramId]: "reviewer", [mutedReviewer.telegramId]: "muted reviewer", [head.telegramId]: "head", [deputy.telegramId]: "deputy", [registrar.telegramId]: "registrar" })[chatId];
const whichAppeal = (n: unknown) => Object.entries(number).find(([, v]) => v === n)?.[0];

beforeAll(async () => {
  tdb = await openTestDatabase();
  ctx = testCtx(tdb.database, "2026-03-02T10:00:00+05:00");
  citizen = await signedUpCitizen(ctx, 8601);
  registrar = await staffMember(ctx, 8602, "registrar");
  reviewer = await staffMember(ctx, 8603, "reviewer");
  mutedReviewer = await staffMember(ctx, 8604, "reviewer");
  head = await staffMember(ctx, 8605, "head");
  deputy = await staffMember(ctx, 8606, "deputy");
  number.A = (await held(reviewer, "2026-03-27")).number;
  number.B = (await held(reviewer, "2026-03-20")).number;
  number.C = (await held(mutedReviewer, "2026-03-20")).number;
  const d = await held(reviewer, "2026-04-15");
  await submitDraft(ctx, reviewer, { appealId: d.appealId, text: "Сот отырысы 10 сәуірге белгіленді.", outcome: "explained" });
  number.D = d.number;
  const e = await registered();
  await ctx.db.update(appeals).set({ forwardDueOn: "2026-03-20", dueOn: "2026-04-10" }).where(eq(appeals.id, e.appealId));
  number.E = e.number;
  await setDigestMuted(ctx, mutedReviewer, true);
  await setActingHead(ctx, head, { deputyUserId: deputy.userId, ...periodOfDays("2026-03-26", "2026-03-27") });
});
afterAll(() => tdb.dispose());

describe(`staff deadline reminders on ${dbKind}`, () => {
  it("writes nothing before 09:00 on a working day", async () => {
    ctx.clock.set("2026-03-18T08:59:00+05:00");
    expect(await runAll()).toEqual([0, 0, 0, 0]);
    expect(await reminders()).toEqual([]);
  });

  it("over a week with a weekend and the Nauryz holidays, writes each reminder once, on working mornings only", async () => {
    for (const day of ["18", "19", "20", "21", "22", "23", "24", "25", "26", "27"]) {
      ctx.clock.set(`2026-03-${day}T09:00:00+05:00`);
      await runAll();
      // A second run that morning (a restart, a second instance) writes nothing new.
      ctx.clock.set(`2026-03-${day}T15:30:00+05:00`);
      expect(await runAll()).toEqual([0, 0, 0, 0]);
    }
    const written = (await reminders()).map((r) => {
      const numbers = [r.payload.params.number, ...String(r.payload.params.list ?? "").split("\n").map((l) => l.split(" ")[0])].map(whichAppeal).filter(Boolean);
      return `${almatyDate(r.createdAt)} ${who(r.chatId)} ${r.payload.key} ${numbers.join(",")}`;
    });
    expect(written.sort()).toEqual(
      [
        // Wednesday 18th: B and C enter their last 3 working days (18, 19, 20).
        "2026-03-18 reviewer staff.digest.title ",
        "2026-03-18 head staff.digest.title ",
        "2026-03-18 reviewer staff.reminder.last_days B",
        "2026-03-18 muted reviewer staff.reminder.last_days C",
        "2026-03-19 reviewer staff.digest.title ",
        "2026-03-19 head staff.digest.title ",
        // Friday 20th: A's last 3 working days are 20, 26 and 27, the holidays between not counted.
        "2026-03-20 reviewer staff.digest.title ",
        "2026-03-20 head staff.digest.title ",
        "2026-03-20 reviewer staff.reminder.last_days A",
        "2026-03-20 registrar staff.reminder.forwarding E",
        // Nothing from Saturday 21st to Wednesday 25th. Thursday 26th, the next working morning:
        // B and C are overdue; the deputy acts for the Head and is told too; muting the digest
        // does not mute the overdue notice.
        "2026-03-26 reviewer staff.digest.title ",
        "2026-03-26 head staff.digest.title ",
        "2026-03-26 deputy staff.digest.title ",
        "2026-03-26 reviewer staff.reminder.overdue B",
        "2026-03-26 head staff.reminder.overdue_head B",
        "2026-03-26 deputy staff.reminder.overdue_head B",
        "2026-03-26 muted reviewer staff.reminder.overdue C",
        "2026-03-26 head staff.reminder.overdue_head C",
        "2026-03-26 deputy staff.reminder.overdue_head C",
        "2026-03-27 reviewer staff.digest.title ",
        "2026-03-27 head staff.digest.title ",
        "2026-03-27 deputy staff.digest.title ",
      ].sort(),
    );
  });

  it("groups each digest: overdue, due today, due within 3 working days, awaiting approval", async () => {
    const digests = (await reminders()).filter((r) => r.payload.key === "staff.digest.title");
    const groups = (day: string, person: Actor) => {
      const digest = digests.find((r) => r.chatId === person.telegramId && almatyDate(r.createdAt) === `2026-03-${day}`)!;
      return Object.fromEntries(digest.payload.parts!.filter((p) => p.key !== "staff.digest.footer").map((p) => [p.key.split(".").at(-1), String(p.params.list).split("\n")]));
    };
    // On Wednesday 18th the horizon is 3 working days: 19, 20 and 26 March; A (27th) is not yet in it.
    expect(groups("18", reviewer)).toEqual({ soon: [`${number.B} — 20.03.2026`] });
    expect(groups("20", reviewer)).toEqual({ today: [`${number.B} — 20.03.2026`], soon: [`${number.A} — 27.03.2026`] });
    expect(groups("27", reviewer)).toEqual({ overdue: [`${number.B} — 20.03.2026`], today: [`${number.A} — 27.03.2026`] });
    expect(groups("26", head)).toEqual({ approval: [`${number.D} — 15.04.2026`] });
    expect(groups("26", deputy)).toEqual({ approval: [`${number.D} — 15.04.2026`] });
    const text = shown("ru", "staff.digest.soon", { count: 1, list: `${number.B} — 20.03.2026`, days: 3 });
    expect(text).toBe(`🟡 Срок в течение 3 рабочих дней (1):\n${number.B} — 20.03.2026`);
  });

  it("counts the working days left in a last-days reminder, the holidays between not counted", async () => {
    const left = (await reminders()).filter((r) => r.payload.key === "staff.reminder.last_days").map((r) => `${almatyDate(r.createdAt)} ${whichAppeal(String(r.payload.params.number))} ${r.payload.params.left} ${r.payload.params.due}`);
    expect(left.sort()).toEqual(["2026-03-18 B 3 20.03.2026", "2026-03-18 C 3 20.03.2026", "2026-03-20 A 3 27.03.2026"]);
  });

  it("lets staff mute the digest and turn it back on; the administrator and citizens have no digest to mute", async () => {
    expect(await digestMuted(ctx, mutedReviewer)).toBe(true);
    expect(await setDigestMuted(ctx, mutedReviewer, true)).toBe(false);
    expect(await setDigestMuted(ctx, mutedReviewer, false)).toBe(true);
    ctx.clock.set("2026-03-30T09:05:00+05:00");
    await writeMorningDigests(ctx);
    expect((await reminders()).some((r) => r.chatId === mutedReviewer.telegramId && r.payload.key === "staff.digest.title")).toBe(true);
    const admin = await staffMember(ctx, 8607, "admin");
    expect(await refusal(setDigestMuted(ctx, admin, true))).toBe("forbidden");
    expect(await refusal(setDigestMuted(ctx, citizen, true))).toBe("staff_only");
  });

  it("reminds again when an extension gives a new deadline", async () => {
    const [a] = await ctx.db.select().from(appeals).where(eq(appeals.number, number.A));
    await ctx.db.update(appeals).set({ dueOn: "2026-04-03" }).where(eq(appeals.id, a!.id));
    // Wednesday 1 April: the new deadline's last 3 working days are 1, 2 and 3 April.
    ctx.clock.set("2026-04-01T09:10:00+05:00");
    expect(await writeLastDaysReminders(ctx)).toBe(1);
    expect(await writeLastDaysReminders(ctx)).toBe(0);
    const keys = (await reminders()).filter((r) => r.payload.key === "staff.reminder.last_days" && r.payload.params.number === number.A).map((r) => r.dedupeKey);
    expect(keys).toEqual([`last-days:${a!.id}:2026-03-27`, `last-days:${a!.id}:2026-04-03`]);
  });

  it("runs every job on the 09:00 cron line in Almaty time", () => {
    expect(appealReminderJobs.map((j) => j.cron)).toEqual(Array(appealReminderJobs.length).fill("0 9 * * *"));
  });
});
