import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../db/client.js";
import { journalEntries, journalEntryEvents, journalEntryFiles, storedFiles } from "../../db/schema/index.js";
import { almatyDate } from "../calendar/dates.js";
import { nextNumber } from "../appeals/numbering.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { recordedUserId } from "../staff/operator.js";
import { defaultCase } from "./filing.js";
import { ENTRY_LIMITS, JOURNAL_PREFIX, JOURNALS, type Journal } from "./kinds.js";

export const lineText = (max: number) =>
  z
    .string()
    .transform((s) => s.replace(/\s+/g, " ").trim())
    .pipe(z.string().min(1).max(max));

export const dispatchInput = z.discriminatedUnion("method", [
  z.object({ method: z.literal("telegram") }),
  z.object({ method: z.literal("courier") }),
  z.object({ method: z.literal("in_person") }),
  z.object({ method: z.literal("post"), postNumber: lineText(60).optional() }),
  z.object({ method: z.literal("email"), address: z.email() }),
]);
export type Dispatch = z.infer<typeof dispatchInput>;

export const courtCaseInput = z.object({
  caseNumber: lineText(80),
  court: lineText(300),
  volumes: z.number().int().positive().max(1000).optional(),
  sentOn: z.iso.date().optional(),
  returnedOn: z.iso.date().optional(),
});
export type CourtCase = z.infer<typeof courtCaseInput>;

export const entryInput = z.object({
  journal: z.enum(JOURNALS),
  /** The date on the document; today (Almaty) when not given. */
  entryDate: z.iso.date().optional(),
  direction: z.enum(["in", "out"]).optional(),
  correspondent: lineText(ENTRY_LIMITS.correspondentMax),
  summary: lineText(ENTRY_LIMITS.summaryMax),
  pages: z.number().int().positive().max(ENTRY_LIMITS.pagesMax).optional(),
  dispatch: dispatchInput.optional(),
  courtCase: courtCaseInput.optional(),
  restricted: z.boolean().default(false),
  appealId: z.number().int().positive().optional(),
  controlDocumentId: z.number().int().positive().optional(),
  replyToId: z.number().int().positive().optional(),
  caseId: z.number().int().positive().optional(),
  fileIds: z.array(z.number().int().positive()).max(ENTRY_LIMITS.filesMax).default([]),
});
export type EntryInput = z.input<typeof entryInput>;
type ParsedEntry = z.output<typeof entryInput>;

export interface RegisteredEntry {
  id: number;
  number: string;
  journal: Journal;
  entryDate: string;
  restricted: boolean;
}

/** Registers a line in a journal (Reg. 7.1.1–7.1.2): a gapless number per journal and year, its files and first event, at once. */
export async function addEntry(ctx: Ctx, actor: Actor, raw: EntryInput): Promise<RegisteredEntry> {
  const input = parseInput(entryInput, raw);
  assertCan(actor, "registry.journal");
  checkShape(input);
  if (input.journal === "restricted" && !actor.clearance) throw new DomainError("clearance_required");
  return ctx.db.transaction((tx) => insertEntry(ctx, tx, actor, input));
}

/** A journal's own fields: court cases have a direction and a case; dispatch is for outgoing letters. */
function checkShape(input: ParsedEntry): void {
  if ((input.journal === "court_cases") !== (input.direction !== undefined)) throw new DomainError("entry_direction");
  if ((input.journal === "court_cases") !== (input.courtCase !== undefined)) throw new DomainError("entry_court_case");
  if (input.dispatch && input.journal !== "outgoing") throw new DomainError("entry_dispatch");
}

/** Inside a caller's transaction: a signed answer writes its outgoing line in the approval's transaction. */
export async function insertEntry(ctx: Ctx, tx: Tx, actor: Actor | null, input: ParsedEntry, number?: { seq: number; number: string }): Promise<RegisteredEntry> {
  const now = ctx.clock.now();
  const entryDate = input.entryDate ?? almatyDate(now);
  const year = Number(almatyDate(now).slice(0, 4));
  const restricted = input.journal === "restricted" || input.restricted;
  if (input.fileIds.length > 0) await checkOwnFiles(tx, actor, input.fileIds);
  if (input.replyToId !== undefined) await checkReplyTo(tx, actor, input.replyToId);
  const caseId = input.caseId ?? (await defaultCase(tx, input.journal, year));
  // Last before the insert: the number's row lock is held to commit.
  const { seq, number: entryNumber } = number ?? (await nextNumber(tx, JOURNAL_PREFIX[input.journal], year));
  const [row] = await tx
    .insert(journalEntries)
    .values({
      journal: input.journal,
      number: entryNumber,
      year,
      seq,
      entryDate,
      direction: input.direction ?? null,
      correspondent: input.correspondent,
      summary: input.summary,
      pages: input.pages ?? null,
      dispatch: input.dispatch ?? null,
      courtCase: input.courtCase ?? null,
      restricted,
      appealId: input.appealId ?? null,
      controlDocumentId: input.controlDocumentId ?? null,
      replyToId: input.replyToId ?? null,
      caseId,
      createdBy: actor ? recordedUserId(actor) : null,
      createdAt: now,
    })
    .returning({ id: journalEntries.id });
  const id = row!.id;
  if (input.fileIds.length > 0) await tx.insert(journalEntryFiles).values(input.fileIds.map((fileId) => ({ entryId: id, fileId, addedAt: now })));
  await tx.insert(journalEntryEvents).values({ entryId: id, at: now, actorUserId: actor ? recordedUserId(actor) : null, kind: "registered", data: { number: entryNumber } });
  return { id, number: entryNumber, journal: input.journal, entryDate, restricted };
}

/** Files a registrar attaches are their own uploads; a forged id names nothing. */
async function checkOwnFiles(tx: Tx, actor: Actor | null, fileIds: number[]): Promise<void> {
  const owned = await tx
    .select({ id: storedFiles.id })
    .from(storedFiles)
    .where(and(inArray(storedFiles.id, fileIds), actor ? eq(storedFiles.uploadedBy, actor.userId) : undefined));
  if (owned.length !== new Set(fileIds).size) throw new DomainError("forbidden");
}

/** An answer may name only a line its author may see. */
async function checkReplyTo(tx: Tx, actor: Actor | null, replyToId: number): Promise<void> {
  const [target] = await tx.select({ restricted: journalEntries.restricted }).from(journalEntries).where(eq(journalEntries.id, replyToId));
  if (!target || (target.restricted && actor && !actor.clearance)) throw new DomainError("entry_not_found");
}
