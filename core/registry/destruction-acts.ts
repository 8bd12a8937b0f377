import { asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { destructionActs, nomenclatureCases } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { recordCounts, type CaseCounts } from "./case-records.js";

export type DestructionAct = typeof destructionActs.$inferSelect;

const approveInput = z.union([z.object({ actId: z.number().int().positive() }), z.object({ number: z.string().trim().min(1).max(40) })]);

/**
 * The Head (or the deputy acting for the Head) approves a drafted act after the expert review of
 * value; the retention job then erases the personal data of its cases (Law 94-V). Approving twice
 * changes nothing and says so.
 */
export async function approveAct(ctx: Ctx, actor: Actor, raw: z.input<typeof approveInput>): Promise<DestructionAct> {
  const input = parseInput(approveInput, raw);
  assertCan(actor, "registry.retention");
  return ctx.db.transaction(async (tx) => {
    const [act] = await tx
      .select()
      .from(destructionActs)
      .where("actId" in input ? eq(destructionActs.id, input.actId) : eq(destructionActs.number, input.number))
      .for("update");
    if (!act) throw new DomainError("act_not_found");
    if (act.approvedAt) throw new DomainError("act_already_approved", { number: act.number });
    const [approved] = await tx
      .update(destructionActs)
      .set({ approvedBy: actor.userId, approvedAt: ctx.clock.now() })
      .where(eq(destructionActs.id, act.id))
      .returning();
    ctx.log.info({ act: act.id }, "destruction act approved");
    return approved!;
  });
}

export interface ActCase extends CaseCounts {
  index: string;
  title: string;
  year: number;
  retentionYears: number | null;
}

export interface ListedAct extends DestructionAct {
  cases: ActCase[];
}

/** Every act, oldest first, with its cases and what they hold now. */
export async function listActs(ctx: Ctx, actor: Actor): Promise<ListedAct[]> {
  assertCan(actor, "registry.nomenclature");
  const acts = await ctx.db.select().from(destructionActs).orderBy(asc(destructionActs.id));
  const caseIds = [...new Set(acts.flatMap((a) => a.caseIds))];
  const cases = caseIds.length === 0 ? [] : await ctx.db.select().from(nomenclatureCases).where(inArray(nomenclatureCases.id, caseIds));
  const counts = await recordCounts(ctx.db, caseIds);
  const byId = new Map(cases.map((c) => [c.id, { index: c.index, title: c.title, year: c.year, retentionYears: c.retentionYears, ...(counts.get(c.id) ?? { appeals: 0, entries: 0 }) }]));
  return acts.map((a) => ({ ...a, cases: a.caseIds.flatMap((id) => byId.get(id) ?? []) }));
}
