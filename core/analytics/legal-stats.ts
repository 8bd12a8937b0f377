import { sql } from "drizzle-orm";
import { rowsOf } from "../../db/rows.js";
import { APPEAL_TYPES, type AppealType } from "../appeals/kinds.js";
import { isIsoDate } from "../calendar/dates.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import type { Actor } from "../shared/roles.js";
import { FINAL_OUTCOMES, type FinalOutcome, type Measure } from "./measures.js";
import type { Period } from "./period.js";
import { figuresAsOf, refreshFigures } from "./rollup.js";
import { resolveScope } from "./scope.js";

/** How an appeal reached the department, as the report breaks the intake down. */
export const INTAKE_CHANNELS = ["telegram", "paper", "email"] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

/** Decided on the merits (the answer's outcome) or left without review: the decisions whose lateness the report counts. */
export const REVIEWED_OUTCOMES = ["satisfied", "explained", "refused", "left_without_review"] as const satisfies readonly FinalOutcome[];

/** What a check compares: two sides that must be equal, a part that may not exceed its whole, a count not below zero. */
export const TOTALS_CHECKS = ["balance", "outcomes", "types", "channels", "late", "pending"] as const;
export type TotalsCheckName = (typeof TOTALS_CHECKS)[number];

export interface TotalsCheck {
  name: TotalsCheckName;
  relation: "=" | "≤" | "≥";
  left: number;
  right: number;
  ok: boolean;
}

/** The statistics of appeals of a period for the state legal statistics body, with the checks its totals passed. */
export interface LegalStatistics {
  period: Period;
  /** When the report was made (the clock), and when the daily figures it sums were last brought up to date. */
  madeAt: Date;
  asOf: Date | null;
  /** Registered before the period and not closed before it. */
  pendingAtStart: number;
  received: { total: number; type: Record<AppealType, number>; channel: Record<IntakeChannel, number> };
  decided: {
    total: number;
    outcome: Record<FinalOutcome, number>;
    /** Decided on the merits or left without review (`REVIEWED_OUTCOMES`). */
    reviewed: number;
    /** Of those, decided after the deadline in force (extensions counted). */
    late: number;
  };
  /** Registered by the period's last day and not closed by it. */
  pendingAtEnd: number;
  /** Every check, each passed: a report whose totals do not agree is refused, never returned. */
  checks: TotalsCheck[];
}

const READ: Measure[] = ["received", "received_type", "received_channel", "closed", "closed_outcome", "closed_late"];

interface Sums {
  measure: Measure;
  value: string;
  /** Days before the period, the period's days, and every day up to its end: three sums of one read. */
  before: number;
  during: number;
  through: number;
}

/**
 * The department's figures of the period, summed from the daily figures in one statement (one
 * snapshot): the intake and decisions of the period's days, and — for what was pending at its start
 * and end — everything received and closed up to them. The (measure, day) index serves each.
 */
async function sumsOf(ctx: Ctx, period: Period): Promise<Sums[]> {
  const from = sql`${period.from}::date`;
  const to = sql`${period.to}::date`;
  return rowsOf<Sums>(
    ctx.db,
    sql`select measure, value,
        coalesce(sum(appeals) filter (where day < ${from}), 0)::int as before,
        coalesce(sum(appeals) filter (where day >= ${from}), 0)::int as during,
        coalesce(sum(appeals), 0)::int as through
      from appeal_stats_daily
      where day <= ${to} and measure = any(string_to_array(${READ.join(",")}, ','))
        and (measure in ('received', 'closed') or day >= ${from})
      group by measure, value`,
  );
}

function keyed<K extends string>(keys: readonly K[], sums: Sums[], measure: Measure): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, sums.find((s) => s.measure === measure && s.value === k)?.during ?? 0])) as Record<K, number>;
}

const sum = (values: Record<string, number> | readonly number[]) => Object.values(values).reduce((a, b) => a + b, 0);

/**
 * The totals checked against each other: what was pending at the start and came in is what was
 * decided and is pending at the end; the outcomes, the types and the channels each add up to their
 * whole; the late are among the reviewed; nothing pending is below zero. A value the report has no row
 * for (an unknown type, a closing without an outcome) makes its parts fall short, and so fails.
 */
export function totalsChecks(s: Omit<LegalStatistics, "checks" | "period" | "madeAt" | "asOf">): TotalsCheck[] {
  const check = (name: TotalsCheckName, relation: TotalsCheck["relation"], left: number, right: number): TotalsCheck => ({
    name,
    relation,
    left,
    right,
    ok: relation === "=" ? left === right : relation === "≤" ? left <= right : left >= right,
  });
  return [
    check("balance", "=", s.pendingAtStart + s.received.total, s.decided.total + s.pendingAtEnd),
    check("outcomes", "=", sum(s.decided.outcome), s.decided.total),
    check("types", "=", sum(s.received.type), s.received.total),
    check("channels", "=", sum(s.received.channel), s.received.total),
    check("late", "≤", s.decided.late, s.decided.reviewed),
    check("pending", "≥", Math.min(s.pendingAtStart, s.pendingAtEnd), 0),
  ];
}

/** The report is refused, naming the first check that failed, rather than printed with numbers that do not add up. */
export function assertTotalsAgree(checks: readonly TotalsCheck[]): void {
  const failed = checks.find((c) => !c.ok);
  if (failed) throw new DomainError("legal_stats_totals_disagree", { check: failed.name, left: failed.left, right: failed.right });
}

/**
 * The statistics of appeals the department sends to the state legal statistics body (Reg. 7.2.4)
 * for a period, for the whole department: pending at the start, received by type and channel,
 * decided by outcome, how many of those reviewed were late, and pending at the end. Read from the
 * daily figures, brought up to date first; never by counting every appeal. Refused when its totals
 * do not agree.
 */
export async function legalStatistics(ctx: Ctx, actor: Actor, input: { period: Period }): Promise<LegalStatistics> {
  await resolveScope(ctx, actor, { kind: "department" });
  const { period } = input;
  if (!isIsoDate(period.from) || !isIsoDate(period.to) || period.from > period.to) throw new DomainError("analytics_bad_period", { period: `${period.from}..${period.to}` });
  await refreshFigures(ctx);
  const sums = await sumsOf(ctx, period);
  const all = (measure: "received" | "closed") => sums.find((s) => s.measure === measure && s.value === "all") ?? { before: 0, during: 0, through: 0 };
  const received = all("received");
  const closed = all("closed");
  const outcome = keyed(FINAL_OUTCOMES, sums, "closed_outcome");
  const late = keyed(REVIEWED_OUTCOMES, sums, "closed_late");
  const figures = {
    pendingAtStart: received.before - closed.before,
    received: { total: received.during, type: keyed(APPEAL_TYPES, sums, "received_type"), channel: keyed(INTAKE_CHANNELS, sums, "received_channel") },
    decided: { total: closed.during, outcome, reviewed: sum(REVIEWED_OUTCOMES.map((o) => outcome[o])), late: sum(late) },
    pendingAtEnd: received.through - closed.through,
  };
  const checks = totalsChecks(figures);
  assertTotalsAgree(checks);
  return { period, madeAt: ctx.clock.now(), asOf: await figuresAsOf(ctx), ...figures, checks };
}
