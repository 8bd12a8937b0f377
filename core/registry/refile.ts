import { eq } from "drizzle-orm";
import { z } from "zod";
import { appeals, journalEntries, journalEntryEvents, nomenclatureCases } from "../../db/schema/index.js";
import { appendEvent } from "../appeals/events.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { recordedUserId } from "../staff/operator.js";

const refileInput = z.object({
  record: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("appeal"), id: z.number().int().positive() }),
    z.object({ kind: z.literal("entry"), id: z.number().int().positive() }),
  ]),
  caseId: z.number().int().positive(),
});
export type RefileInput = z.input<typeof refileInput>;

/**
 * Files an appeal or a journal line to another case of its year's nomenclature, with a `filed`
 * event naming both cases. Filing it where it already is changes nothing; a record for official
 * use is found only by the cleared, and an erased one stays in the case its act destroyed.
 */
export async function refileRecord(ctx: Ctx, actor: Actor, raw: RefileInput): Promise<{ changed: boolean; case: string }> {
  const { record, caseId } = parseInput(refileInput, raw);
  assertCan(actor, "registry.nomenclature");
  return ctx.db.transaction(async (tx) => {
    const table = record.kind === "appeal" ? appeals : journalEntries;
    const [row] = await tx
      .select({ year: table.year, caseId: table.caseId, restricted: table.restricted, erasedAt: table.erasedAt })
      .from(table)
      .where(eq(table.id, record.id))
      .for("update");
    if (!row || (row.restricted && !actor.clearance)) throw new DomainError("record_not_found");
    if (row.erasedAt) throw new DomainError("record_erased");
    const [target] = await tx.select().from(nomenclatureCases).where(eq(nomenclatureCases.id, caseId));
    if (!target) throw new DomainError("case_not_found");
    if (target.year !== row.year) throw new DomainError("case_other_year", { year: row.year });
    if (row.caseId === target.id) return { changed: false, case: target.index };

    const [previous] = row.caseId === null ? [] : await tx.select({ index: nomenclatureCases.index }).from(nomenclatureCases).where(eq(nomenclatureCases.id, row.caseId));
    const data = { from: previous?.index ?? null, case: target.index };
    await tx.update(table).set({ caseId: target.id }).where(eq(table.id, record.id));
    if (record.kind === "appeal") await appendEvent(ctx, tx, { appealId: record.id, actor: recordedUserId(actor) === null ? null : actor, kind: "filed", data });
    else await tx.insert(journalEntryEvents).values({ entryId: record.id, at: ctx.clock.now(), actorUserId: recordedUserId(actor), kind: "filed", data });
    return { changed: true, case: target.index };
  });
}
