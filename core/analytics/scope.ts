import { and, eq, inArray } from "drizzle-orm";
import { units, users } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan, assertMayAttempt, can } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";

/** Whose figures: the whole department, a unit (with the units under it), or one reviewer. */
export type Scope = { kind: "department" } | { kind: "unit"; unitId: number } | { kind: "reviewer"; userId: number };

export interface ResolvedScope {
  scope: Scope;
  /** The units counted; null for the whole department, appeals no unit holds included. */
  unitIds: number[] | null;
  /** The reviewer whose appeals are counted. */
  reviewerId: number | null;
  /** Its name in Kazakh and Russian; null for the department. */
  name: { kk: string; ru: string } | null;
}

type UnitRow = Pick<typeof units.$inferSelect, "id" | "parentId" | "headUserId" | "nameKk" | "nameRu" | "kind">;

async function allUnits(ctx: Ctx): Promise<UnitRow[]> {
  return ctx.db.select({ id: units.id, parentId: units.parentId, headUserId: units.headUserId, nameKk: units.nameKk, nameRu: units.nameRu, kind: units.kind }).from(units);
}

/** A unit and every unit under it. */
function withChildren(all: UnitRow[], unitId: number): number[] {
  const found = [unitId];
  for (let i = 0; i < found.length; i++) for (const u of all) if (u.parentId === found[i] && !found.includes(u.id)) found.push(u.id);
  return found;
}

/** Who may read a unit's figures: the leadership, and whoever heads it or a unit above it. */
function headsOf(all: UnitRow[], unitId: number): number[] {
  const heads: number[] = [];
  for (let unit = all.find((u) => u.id === unitId); unit; unit = all.find((u) => u.id === unit!.parentId)) if (unit.headUserId !== null) heads.push(unit.headUserId);
  return heads;
}

/** The policy's resource names one owner: the leadership, or any head up the chain, will do. */
function mayRead(actor: Actor, heads: number[]): boolean {
  return can(actor, "analytics.read") || heads.some((head) => can(actor, "analytics.read", { ownerUserId: head }));
}

function assertReads(actor: Actor, heads: number[]): void {
  if (!mayRead(actor, heads)) throw new DomainError("forbidden");
}

/** The scope, checked against who asks (the Head, deputies, and heads of the units concerned). */
export async function resolveScope(ctx: Ctx, actor: Actor, scope: Scope): Promise<ResolvedScope> {
  assertMayAttempt(actor, "analytics.read");
  if (scope.kind === "department") {
    assertCan(actor, "analytics.read");
    return { scope, unitIds: null, reviewerId: null, name: null };
  }
  const all = await allUnits(ctx);
  if (scope.kind === "unit") {
    const unit = all.find((u) => u.id === scope.unitId);
    if (!unit) throw new DomainError("analytics_unit_unknown");
    assertReads(actor, headsOf(all, unit.id));
    return { scope, unitIds: withChildren(all, unit.id), reviewerId: null, name: { kk: unit.nameKk, ru: unit.nameRu } };
  }
  const [reviewer] = await ctx.db.select({ id: users.id, unitId: users.unitId, name: users.fullName }).from(users).where(and(eq(users.id, scope.userId), inArray(users.role, ["reviewer", "executor", "registrar", "deputy", "head"])));
  if (!reviewer) throw new DomainError("staff_not_found");
  assertReads(actor, reviewer.unitId === null ? [] : headsOf(all, reviewer.unitId));
  const name = reviewer.name ?? String(reviewer.id);
  return { scope, unitIds: null, reviewerId: reviewer.id, name: { kk: name, ru: name } };
}

/** The units whose figures the person may open: every sector for the leadership, their own otherwise. */
export async function readableUnits(ctx: Ctx, actor: Actor): Promise<UnitRow[]> {
  const all = await allUnits(ctx);
  return all.filter((u) => (u.kind === "sector" || u.kind === "department") && mayRead(actor, headsOf(all, u.id)));
}
