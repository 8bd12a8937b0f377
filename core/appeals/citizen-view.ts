import { and, count, desc, eq, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import { appealAnswers, appealFiles, appeals } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { parseAppealNumber } from "./appeal-number.js";
import { eventsOf, type EventKind } from "./events.js";
import { isClosed, type AppealState } from "./states.js";
import { assertCanTouch } from "./transition.js";

export const PAGE_SIZE = 5;

export interface AppealListItem {
  id: number;
  number: string;
  type: string;
  state: AppealState;
  dueOn: string;
  receivedAt: Date;
}

const listInput = z.object({ page: z.number().int().min(0).default(0) });

/** "My appeals": newest first, a page at a time; the page and the total in one statement (the window counts before the limit). */
export async function listMyAppeals(ctx: Ctx, actor: Actor, raw: z.input<typeof listInput> = {}) {
  const { page } = parseInput(listInput, raw);
  const mine = eq(appeals.citizenUserId, actor.userId);
  const rows = await ctx.db
    .select({
      id: appeals.id,
      number: appeals.number,
      type: appeals.type,
      state: appeals.state,
      dueOn: appeals.dueOn,
      receivedAt: appeals.receivedAt,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(appeals)
    .where(mine)
    .orderBy(desc(appeals.id))
    .limit(PAGE_SIZE)
    .offset(page * PAGE_SIZE);
  // A page past the end (an old button after appeals were withdrawn) has no row to carry the total.
  const total = rows[0]?.total ?? (page === 0 ? 0 : ((await ctx.db.select({ n: count() }).from(appeals).where(mine))[0]?.n ?? 0));
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return { items: rows.map(({ total: _, ...item }) => item) as AppealListItem[], page, pages, total };
}

/** What the citizen sees in the history: staff-internal steps (drafts, returns) stay internal. */
const CITIZEN_EVENTS: readonly EventKind[] = [
  "registered",
  "linked",
  "classified",
  "forwarded_internal",
  "forwarded_external",
  "approved",
  "withdrawn",
  "supplemented",
  "rated",
  "complained",
];

const findInput = z.union([
  z.object({ appealId: z.number().int().positive() }),
  z.object({ number: z.string().max(40) }),
]);

/** One appeal with its history and answer, for its owner (by button, deep link or typed number). */
export async function myAppeal(ctx: Ctx, actor: Actor, raw: z.input<typeof findInput>) {
  const input = parseInput(findInput, raw);
  const where = "appealId" in input ? eq(appeals.id, input.appealId) : eq(appeals.number, parseAppealNumber(input.number) ?? "");
  const [appeal] = await ctx.db.select().from(appeals).where(where);
  if (!appeal) throw new DomainError("appeal_not_found");
  assertCanTouch(actor, "appeal.read", appeal);
  const [events, [answer], [files]] = await Promise.all([
    eventsOf(ctx.db, appeal.id),
    ctx.db
      .select()
      .from(appealAnswers)
      .where(and(eq(appealAnswers.appealId, appeal.id), isNotNull(appealAnswers.approvedAt)))
      .orderBy(desc(appealAnswers.id))
      .limit(1),
    ctx.db.select({ n: count() }).from(appealFiles).where(eq(appealFiles.appealId, appeal.id)),
  ]);
  const state = appeal.state as AppealState;
  return {
    appeal: { ...appeal, state },
    history: events
      .filter((e) => CITIZEN_EVENTS.includes(e.kind as EventKind))
      .map((e) => ({ kind: e.kind as EventKind, at: e.at, to: e.toState, data: e.data as Record<string, unknown> })),
    answer: answer ? { text: answer.text, outcome: answer.outcome, approvedAt: answer.approvedAt! } : null,
    files: files?.n ?? 0,
    canWithdraw: !isClosed(state),
    canSupplement: !isClosed(state),
    canRate: state === "answered" && appeal.rating === null,
    canComplain: state === "answered",
  };
}
