import { and, asc, count, eq, isNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { appealFiles, appeals, units, users } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { realRowsOnly } from "../shared/demo.js";
import { roleHoldersCondition } from "../staff/recipients.js";
import { unitName } from "../staff/units.js";
import { forwardExternal, forwardInternal } from "./forward.js";
import { APPEAL_CATEGORIES } from "./kinds.js";

export interface NewAppeal {
  id: number;
  number: string;
  type: string;
  text: string;
  receivedAt: Date;
  forwardDueOn: string;
  /** Set when an earlier answered appeal of the same person had the same subject (DESIGN §2). */
  repeatedOfId: number | null;
  filesCount: number;
}

/**
 * The outer appeal, named in full inside subqueries of the select list: drizzle writes a one-table
 * select's columns there unqualified, and a bare "id" binds to the subquery's own table first.
 */
const outer = { id: sql.raw(`"appeals"."id"`), receivedAt: sql.raw(`"appeals"."received_at"`) };

/** What the registrar sees of a new appeal. */
const NEW_APPEAL = {
  id: appeals.id,
  number: appeals.number,
  type: appeals.type,
  text: appeals.text,
  receivedAt: appeals.receivedAt,
  forwardDueOn: appeals.forwardDueOn,
  repeatedOfId: appeals.repeatedOfId,
  filesCount: sql<number>`(select count(*) from ${appealFiles} f where f.appeal_id = ${outer.id})`.mapWith(Number),
};

/** The registrar's own queue: registered appeals no colleague took; restricted ones only with clearance. */
const ownQueue = (actor: Actor) =>
  and(
    eq(appeals.state, "registered"),
    actor.clearance ? undefined : eq(appeals.restricted, false),
    // One a colleague took is theirs to route.
    or(isNull(appeals.holderUserId), eq(appeals.holderUserId, actor.userId)),
  );

const QUEUE_ORDER = [asc(appeals.receivedAt), asc(appeals.id)] as const;

/** The registrar's preliminary review (Reg. 7.1.5): registered appeals, the oldest first; restricted ones only with clearance. */
export async function newAppeals(ctx: Ctx, actor: Actor, limit = 50): Promise<NewAppeal[]> {
  assertCan(actor, "appeal.classify");
  return ctx.db.select(NEW_APPEAL).from(appeals).where(ownQueue(actor)).orderBy(...QUEUE_ORDER).limit(limit);
}

/** The oldest new appeal with its place in the queue, read together: `/queue` and the next one after each routing. */
export async function nextInQueue(ctx: Ctx, actor: Actor): Promise<{ item: NewAppeal; place: QueuePlace } | null> {
  assertCan(actor, "appeal.classify");
  const [row] = await ctx.db
    .select({ ...NEW_APPEAL, ...placeCounts(actor, outer.receivedAt, outer.id) })
    .from(appeals)
    .where(ownQueue(actor))
    .orderBy(...QUEUE_ORDER)
    .limit(1);
  if (!row) return null;
  const { ahead, total, ...item } = row;
  return { item, place: placeOf(ahead, total) };
}

/** One new appeal, as long as it still waits for the preliminary review; a stale button finds it moved on. */
export async function newAppeal(ctx: Ctx, actor: Actor, appealId: number): Promise<NewAppeal> {
  assertCan(actor, "appeal.classify");
  const [row] = await ctx.db.select({ state: appeals.state, restricted: appeals.restricted }).from(appeals).where(eq(appeals.id, appealId));
  if (!row) throw new DomainError("appeal_not_found");
  assertCan(actor, "appeal.classify", { restricted: row.restricted });
  const [item] = await ctx.db.select(NEW_APPEAL).from(appeals).where(and(ownQueue(actor), eq(appeals.id, appealId)));
  if (!item) throw new DomainError("appeal_wrong_state", { state: row.state });
  return item;
}

/** Where an appeal stands in the queue, "(2 of 7)", counted afresh each time it is drawn. */
export interface QueuePlace {
  position: number;
  total: number;
}

/**
 * Appeals ahead of (receivedAt, id), and all of them, among every registered appeal (restricted ones
 * only with clearance), so a place reads the same for each registrar.
 */
function placeCounts(actor: Actor, receivedAt: SQL, id: SQL): { ahead: SQL<number>; total: SQL<number> } {
  const queued = sql`from ${appeals} q where q.state = 'registered'${actor.clearance ? sql`` : sql` and not q.restricted`}`;
  return {
    ahead: sql<number>`(select count(*) ${queued} and (q.received_at, q.id) < (${receivedAt}, ${id}))`.mapWith(Number),
    total: sql<number>`(select count(*) ${queued})`.mapWith(Number),
  };
}

// Routed by someone else a moment ago, it no longer counts; the line still reads sensibly.
const placeOf = (ahead: number, total: number): QueuePlace => ({ position: ahead + 1, total: Math.max(total, ahead + 1) });

/** Where an appeal stands in the queue, counted afresh each time it is drawn. */
export async function queuePlace(ctx: Ctx, actor: Actor, item: Pick<NewAppeal, "id" | "receivedAt">): Promise<QueuePlace> {
  assertCan(actor, "appeal.classify");
  const counts = placeCounts(actor, sql`${item.receivedAt.toISOString()}::timestamptz`, sql`${item.id}::int`);
  const [row] = await ctx.db.select(counts).from(sql`(select 1) as one`);
  return placeOf(row?.ahead ?? 0, row?.total ?? 0);
}

export interface ReviewerLoad {
  userId: number;
  name: string;
  openCount: number;
}

/** Active reviewers with the number of open appeals each holds, so the registrar can spread the work. */
export async function reviewerWorkload(ctx: Ctx, actor: Actor): Promise<ReviewerLoad[]> {
  assertCan(actor, "appeal.classify");
  const rows = await ctx.db
    .select({ userId: users.id, name: users.fullName, openCount: count(appeals.id) })
    .from(users)
    .leftJoin(appeals, and(eq(appeals.holderUserId, users.id), isNull(appeals.closedAt)))
    .where(roleHoldersCondition(ctx, { roles: ["reviewer"] }))
    .groupBy(users.id, users.fullName)
    .orderBy(asc(users.fullName), asc(users.id));
  return rows.map((r) => ({ userId: r.userId, name: r.name ?? `#${r.userId}`, openCount: Number(r.openCount) }));
}

export const FORWARD_KINDS = ["ja_unit", "external_body"] as const;
export type ForwardKind = (typeof FORWARD_KINDS)[number];

/** Active JA units (Reg. 7.1.6) or state bodies (Reg. 7.1.7) an appeal may be forwarded to. */
export async function forwardTargets(ctx: Ctx, actor: Actor, kind: ForwardKind) {
  assertCan(actor, "appeal.forward");
  return ctx.db
    .select({ id: units.id, nameKk: units.nameKk, nameRu: units.nameRu })
    .from(units)
    .where(and(eq(units.kind, kind), eq(units.active, true), realRowsOnly(ctx, units.demo)))
    .orderBy(asc(units.id));
}

const toUnitInput = z.object({ appealId: z.number().int().positive(), unitId: z.number().int().positive(), category: z.enum(APPEAL_CATEGORIES) });
const toBodyInput = toUnitInput.extend({ reason: z.string() });

/** The unit, named in the appeal's language (the citizen's notice quotes it); an inactive or wrong kind of unit is refused. */
async function target(ctx: Ctx, appealId: number, unitId: number, kind: ForwardKind): Promise<string> {
  const [unit] = await ctx.db.select().from(units).where(eq(units.id, unitId));
  if (!unit?.active || unit.kind !== kind || (unit.demo && !ctx.demo)) throw new DomainError("stale_button");
  const [appeal] = await ctx.db.select({ language: appeals.language }).from(appeals).where(eq(appeals.id, appealId));
  if (!appeal) throw new DomainError("appeal_not_found");
  return unitName(unit, appeal.language === "kk" ? "kk" : "ru");
}

export async function forwardToJaUnit(ctx: Ctx, actor: Actor, raw: z.input<typeof toUnitInput>) {
  const { appealId, unitId, category } = parseInput(toUnitInput, raw);
  assertCan(actor, "appeal.forward");
  const unit = await target(ctx, appealId, unitId, "ja_unit");
  return forwardInternal(ctx, actor, { appealId, unit, category, holderUserId: await unitExecutor(ctx, unitId) });
}

/** The unit's active executor with the fewest open appeals: the one who gets it in chat. */
async function unitExecutor(ctx: Ctx, unitId: number): Promise<number> {
  const [executor] = await ctx.db
    .select({ userId: users.id })
    .from(users)
    .leftJoin(appeals, and(eq(appeals.holderUserId, users.id), isNull(appeals.closedAt)))
    .where(roleHoldersCondition(ctx, { roles: ["executor"], unitId }))
    .groupBy(users.id)
    .orderBy(asc(count(appeals.id)), asc(users.id))
    .limit(1);
  if (!executor) throw new DomainError("unit_no_executor");
  return executor.userId;
}

export async function forwardToStateBody(ctx: Ctx, actor: Actor, raw: z.input<typeof toBodyInput>) {
  const { appealId, unitId, reason, category } = parseInput(toBodyInput, raw);
  assertCan(actor, "appeal.forward");
  return forwardExternal(ctx, actor, { appealId, body: await target(ctx, appealId, unitId, "external_body"), reason, category });
}
