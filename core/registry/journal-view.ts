import { and, asc, desc, eq, gte, ilike, lte, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { appeals, controlDocuments, journalEntries, journalEntryEvents, journalEntryFiles, nomenclatureCases, storedFiles } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { JOURNALS, type Journal } from "./kinds.js";

/** What an uncleared person may see: never a line marked for official use (ДСП), in any journal. */
export function visibleTo(actor: Actor): SQL | undefined {
  return actor.clearance ? undefined : eq(journalEntries.restricted, false);
}

/** The journals a person may open: all of them with clearance, the ДСП journal only then. */
export function readableJournals(actor: Actor): Journal[] {
  assertCan(actor, "registry.journal");
  return JOURNALS.filter((journal) => journal !== "restricted" || actor.clearance);
}

export interface EntryLine {
  id: number;
  number: string;
  journal: Journal;
  entryDate: string;
  correspondent: string;
  summary: string;
  restricted: boolean;
  erased: boolean;
}

const lineColumns = {
  id: journalEntries.id,
  number: journalEntries.number,
  journal: journalEntries.journal,
  entryDate: journalEntries.entryDate,
  correspondent: journalEntries.correspondent,
  summary: journalEntries.summary,
  restricted: journalEntries.restricted,
  erasedAt: journalEntries.erasedAt,
};

const toLine = (row: { erasedAt: Date | null; journal: string } & Omit<EntryLine, "erased" | "journal">): EntryLine => ({
  id: row.id,
  number: row.number,
  journal: row.journal as Journal,
  entryDate: row.entryDate,
  correspondent: row.correspondent,
  summary: row.summary,
  restricted: row.restricted,
  erased: row.erasedAt !== null,
});

/** A page is what a chat screen or a console screen shows; the total says how many pages there are. */
const listInput = z.object({
  journal: z.enum(JOURNALS),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(10),
});

/** A journal's lines, newest first, for a period; ДСП lines only for cleared people, and the ДСП journal only for them. */
export async function listEntries(ctx: Ctx, actor: Actor, raw: z.input<typeof listInput>): Promise<{ total: number; lines: EntryLine[] }> {
  const input = parseInput(listInput, raw);
  assertCan(actor, "registry.journal");
  if (input.journal === "restricted" && !actor.clearance) throw new DomainError("clearance_required");
  const where = and(
    eq(journalEntries.journal, input.journal),
    input.from ? gte(journalEntries.entryDate, input.from) : undefined,
    input.to ? lte(journalEntries.entryDate, input.to) : undefined,
    visibleTo(actor),
  );
  const [count] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(journalEntries).where(where);
  const rows = await ctx.db
    .select(lineColumns)
    .from(journalEntries)
    .where(where)
    .orderBy(desc(journalEntries.year), desc(journalEntries.seq))
    .limit(input.limit)
    .offset(input.offset);
  return { total: count?.n ?? 0, lines: rows.map(toLine) };
}

const searchQuery = z.string().trim().min(2).max(200);
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Lines by number, correspondent or words of the summary, newest first, across the journals one may read. */
export async function searchEntries(ctx: Ctx, actor: Actor, raw: string): Promise<EntryLine[]> {
  assertCan(actor, "registry.journal");
  const parsed = searchQuery.safeParse(raw);
  if (!parsed.success) throw new DomainError("search_query_length", { min: 2, max: 200 });
  const pattern = likePattern(parsed.data);
  const rows = await ctx.db
    .select(lineColumns)
    .from(journalEntries)
    .where(and(or(ilike(journalEntries.number, pattern), ilike(journalEntries.correspondent, pattern), ilike(journalEntries.summary, pattern)), visibleTo(actor)))
    .orderBy(desc(journalEntries.createdAt), desc(journalEntries.id))
    .limit(100);
  return rows.map(toLine);
}

export interface EntryCard extends EntryLine {
  direction: string | null;
  pages: number | null;
  dispatch: Record<string, unknown> | null;
  courtCase: Record<string, unknown> | null;
  appealNumber: string | null;
  controlNumber: string | null;
  replyToNumber: string | null;
  caseIndex: string | null;
  caseTitle: string | null;
  files: { id: number; fileName: string }[];
  trail: { at: Date; kind: string; reason: string | null; actorUserId: number | null; data: unknown }[];
}

/** The whole line with its links, files and trail; a ДСП line is simply not found for an uncleared person. */
export async function entryCard(ctx: Ctx, actor: Actor, entryId: number): Promise<EntryCard> {
  assertCan(actor, "registry.journal");
  const id = parseInput(z.number().int().positive(), entryId);
  const [row] = await ctx.db
    .select({
      ...lineColumns,
      direction: journalEntries.direction,
      pages: journalEntries.pages,
      dispatch: journalEntries.dispatch,
      courtCase: journalEntries.courtCase,
      appealNumber: appeals.number,
      controlNumber: controlDocuments.number,
      replyToNumber: sql<string | null>`(select r.number from journal_entries r where r.id = ${journalEntries.replyToId})`,
      caseIndex: nomenclatureCases.index,
      caseTitle: nomenclatureCases.title,
    })
    .from(journalEntries)
    .leftJoin(appeals, eq(appeals.id, journalEntries.appealId))
    .leftJoin(controlDocuments, eq(controlDocuments.id, journalEntries.controlDocumentId))
    .leftJoin(nomenclatureCases, eq(nomenclatureCases.id, journalEntries.caseId))
    .where(and(eq(journalEntries.id, id), visibleTo(actor)));
  if (!row) throw new DomainError("entry_not_found");
  const [files, trail] = await Promise.all([
    ctx.db
      .select({ id: storedFiles.id, fileName: storedFiles.fileName })
      .from(journalEntryFiles)
      .innerJoin(storedFiles, eq(storedFiles.id, journalEntryFiles.fileId))
      .where(eq(journalEntryFiles.entryId, id))
      .orderBy(asc(journalEntryFiles.addedAt)),
    ctx.db
      .select({ at: journalEntryEvents.at, kind: journalEntryEvents.kind, reason: journalEntryEvents.reason, actorUserId: journalEntryEvents.actorUserId, data: journalEntryEvents.data })
      .from(journalEntryEvents)
      .where(eq(journalEntryEvents.entryId, id))
      .orderBy(asc(journalEntryEvents.id)),
  ]);
  return {
    ...toLine(row),
    direction: row.direction,
    pages: row.pages,
    dispatch: row.dispatch as Record<string, unknown> | null,
    courtCase: row.courtCase as Record<string, unknown> | null,
    appealNumber: row.appealNumber,
    controlNumber: row.controlNumber,
    replyToNumber: row.replyToNumber,
    caseIndex: row.caseIndex,
    caseTitle: row.caseTitle,
    files,
    trail,
  };
}

/** A line by its number, as typed; for the console and for links between lines. */
export async function entryIdByNumber(ctx: Ctx, actor: Actor, number: string): Promise<number> {
  assertCan(actor, "registry.journal");
  const [row] = await ctx.db
    .select({ id: journalEntries.id })
    .from(journalEntries)
    .where(and(eq(journalEntries.number, number.trim().toUpperCase()), visibleTo(actor)));
  if (!row) throw new DomainError("entry_not_found");
  return row.id;
}
