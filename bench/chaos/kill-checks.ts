import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { listFlow } from "../../core/flows/shown-list.js";
import type { Ctx } from "../../core/shared/context.js";
import { appealEvents, appeals, flows, receptionBookings, updates, users } from "../../db/schema/index.js";
import type { Sandbox } from "../../sandbox/emulator/index.js";
import { updatesIssued } from "./emulator.js";
import type { JourneyReport } from "./journey.js";
import { citizenId } from "./people.js";

/** What the fault suite counts after the run; every figure but `duplicate_messages` and `nudges` must be 0. */
export interface KillFigures {
  lost_updates: number;
  failed_updates: number;
  lost_appeals: number;
  doubled_appeals: number;
  number_gaps: number;
  lost_supplements: number;
  doubled_supplements: number;
  lost_bookings: number;
  double_bookings: number;
  lost_messages: number;
  duplicate_messages: number;
  stuck_flows: number;
  nudges: number;
}

const ACTIVE_BOOKING = ["requested", "waiting", "offered", "booked"];
const count = (values: readonly unknown[], value: unknown) => values.filter((v) => v === value).length;

/** Each citizen's appeals, supplements and active bookings, read from the database. */
async function perCitizen(core: Ctx, telegramIds: number[]) {
  const people = await core.db.select({ id: users.id, telegramId: users.telegramId }).from(users).where(inArray(users.telegramId, telegramIds));
  const userOf = new Map(people.map((p) => [Number(p.telegramId), p.id]));
  const rows = await core.db.select({ id: appeals.id, number: appeals.number, citizen: appeals.citizenUserId }).from(appeals);
  const supplements = await core.db.select({ appeal: appealEvents.appealId }).from(appealEvents).where(eq(appealEvents.kind, "supplemented"));
  const bookings = await core.db
    .select({ citizen: receptionBookings.citizenUserId, slot: receptionBookings.slotId })
    .from(receptionBookings)
    .where(inArray(receptionBookings.status, ACTIVE_BOOKING));
  return { userOf, rows, supplements: supplements.map((s) => s.appeal), bookings };
}

/** Numbers run 1…N for each prefix and year: a gap is a number taken and lost. */
function gaps(numbers: string[]): number {
  const series = new Map<string, number[]>();
  for (const number of numbers) {
    const [prefix, year, seq] = number.split("-");
    const key = `${prefix}-${year}`;
    series.set(key, [...(series.get(key) ?? []), Number(seq)]);
  }
  return [...series.values()].reduce((n, seqs) => n + (Math.max(...seqs) - seqs.length), 0);
}

/** Copies of each message a citizen must get: the receipt and the answer (text and letter). */
function messageCopies(sandbox: Sandbox, telegramId: number, number: string): number[] {
  const said = (sandbox.state.chat(telegramId)?.messages ?? []).filter((m) => m.sender === "bot" && !m.deleted);
  const text = (m: (typeof said)[number]) => m.content.text ?? m.content.caption ?? "";
  const receipts = said.filter((m) => text(m).includes(number) && /(Ваше обращение|уже) зарегистрировано/.test(text(m))).length;
  const answers = said.filter((m) => text(m).includes(`Ответ на ваше обращение ${number}`)).length;
  const letters = said.filter((m) => m.content.document?.mime_type === "application/pdf").length;
  return [receipts, answers, letters];
}

export async function checkKillRun(core: Ctx, sandbox: Sandbox, reports: JourneyReport[]): Promise<KillFigures> {
  const telegramIds = reports.map((r) => citizenId(r.n));
  const { userOf, rows, supplements, bookings } = await perCitizen(core, telegramIds);
  const [done] = await core.db.select({ n: sql<number>`count(*)::int` }).from(updates).where(eq(updates.state, "done"));
  const [failed] = await core.db.select({ n: sql<number>`count(*)::int` }).from(updates).where(eq(updates.state, "failed"));
  const citizenUsers = [...userOf.values()];
  const leftOpen = citizenUsers.length
    ? await core.db.select({ user: flows.userId }).from(flows).where(and(inArray(flows.userId, citizenUsers), ne(flows.name, listFlow.name)))
    : [];
  const figures: KillFigures = {
    lost_updates: updatesIssued(sandbox) - (done?.n ?? 0),
    failed_updates: failed?.n ?? 0,
    lost_appeals: 0,
    doubled_appeals: 0,
    number_gaps: gaps(rows.map((r) => r.number)),
    lost_supplements: 0,
    doubled_supplements: 0,
    lost_bookings: 0,
    double_bookings: bookings.length - new Set(bookings.map((b) => b.slot)).size,
    lost_messages: 0,
    duplicate_messages: 0,
    stuck_flows: reports.filter((r) => !r.finished).length + new Set(leftOpen.map((f) => f.user)).size,
    nudges: reports.reduce((n, r) => n + r.nudged.length, 0),
  };
  for (const report of reports) {
    const user = userOf.get(citizenId(report.n));
    const theirs = rows.filter((r) => r.citizen === user);
    if (report.confirmed && theirs.length === 0) figures.lost_appeals++;
    figures.doubled_appeals += Math.max(0, theirs.length - 1);
    const booked = count(bookings.map((b) => b.citizen), user);
    if (report.booked && booked === 0) figures.lost_bookings++;
    figures.double_bookings += Math.max(0, booked - 1);
    const appeal = theirs[0];
    if (!appeal) continue;
    const supplemented = count(supplements, appeal.id);
    if (report.supplemented && supplemented === 0) figures.lost_supplements++;
    figures.doubled_supplements += Math.max(0, supplemented - 1);
    for (const copies of messageCopies(sandbox, citizenId(report.n), appeal.number)) {
      if (copies === 0) figures.lost_messages++;
      figures.duplicate_messages += Math.max(0, copies - 1);
    }
  }
  return figures;
}
