import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { journalEntries, journalEntryEvents } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { recordedUserId } from "../staff/operator.js";
import { parseInput } from "../shared/validate.js";
import { courtCaseInput, dispatchInput, lineText } from "./entries.js";
import { ENTRY_LIMITS } from "./kinds.js";
import { visibleTo } from "./journal-view.js";

const correctionInput = z.object({
  entryId: z.number().int().positive(),
  reason: lineText(1000),
  entryDate: z.iso.date().optional(),
  correspondent: lineText(ENTRY_LIMITS.correspondentMax).optional(),
  summary: lineText(ENTRY_LIMITS.summaryMax).optional(),
  pages: z.number().int().positive().max(ENTRY_LIMITS.pagesMax).optional(),
  dispatch: dispatchInput.optional(),
  courtCase: courtCaseInput.optional(),
});
export type CorrectionInput = z.input<typeof correctionInput>;

const FIELDS = ["entryDate", "correspondent", "summary", "pages", "dispatch", "courtCase"] as const;

/**
 * Corrects a journal line (a wrong date, a misspelt correspondent, the date a court case came back):
 * the line shows the right value, and its trail keeps what it was, who changed it, when and why.
 * The number never changes; a line whose personal data was erased is not corrected any more.
 */
export async function correctEntry(ctx: Ctx, actor: Actor, raw: CorrectionInput): Promise<{ changed: string[] }> {
  const input = parseInput(correctionInput, raw);
  assertCan(actor, "registry.journal");
  return ctx.db.transaction(async (tx) => {
    const [entry] = await tx.select().from(journalEntries).where(and(eq(journalEntries.id, input.entryId), visibleTo(actor))).for("update");
    if (!entry) throw new DomainError("entry_not_found");
    if (entry.erasedAt) throw new DomainError("entry_erased");
    if (input.dispatch && entry.journal !== "outgoing") throw new DomainError("entry_dispatch");
    if (input.courtCase && entry.journal !== "court_cases") throw new DomainError("entry_court_case");
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const field of FIELDS) {
      const value = input[field];
      if (value === undefined || JSON.stringify(value) === JSON.stringify(entry[field])) continue;
      before[field] = entry[field];
      after[field] = value;
    }
    const changed = Object.keys(after);
    if (changed.length === 0) throw new DomainError("correction_empty");
    await tx.update(journalEntries).set(after).where(eq(journalEntries.id, entry.id));
    await tx.insert(journalEntryEvents).values({ entryId: entry.id, at: ctx.clock.now(), actorUserId: recordedUserId(actor), kind: "corrected", reason: input.reason, data: { before, after } });
    return { changed };
  });
}
