import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.js";
import { appeals, controlDocuments, journalEntries, nomenclatureCases } from "../../db/schema/index.js";
import type { IsoDate } from "../calendar/dates.js";
import type { Journal } from "./kinds.js";

/** Lines read per query: at most two pages are held at once (one written, one read), so memory stays flat. */
const PAGE = 2_000;

export interface JournalRow {
  id: number;
  number: string;
  entryDate: IsoDate;
  direction: string | null;
  correspondent: string;
  summary: string;
  pages: number | null;
  dispatch: unknown;
  courtCase: unknown;
  restricted: boolean;
  erasedAt: Date | null;
  caseIndex: string | null;
  /** The numbers this line links to, each null when the reader may not see what it names. */
  appealNumber: string | null;
  controlNumber: string | null;
  replyToNumber: string | null;
}

export interface RowsQuery {
  journal: Journal;
  from: IsoDate;
  to: IsoDate;
  /** Whether the reader is cleared for ДСП: without it, marked lines are not read at all. */
  cleared: boolean;
}

interface After {
  date: IsoDate;
  id: number;
}

/**
 * A journal's lines dated in the period, in date order then as registered, page by page: each page
 * starts after the last line of the one before (on the journal-date index), never with an offset.
 * The next page is asked for before this one is handed over, so the database reads while it is written.
 */
export async function* journalRows(db: Db, query: RowsQuery): AsyncGenerator<JournalRow[]> {
  let next = readPage(db, query, null);
  for (;;) {
    const page = await next;
    const last = page.length === PAGE ? page[PAGE - 1]! : null;
    if (last) {
      next = readPage(db, query, { date: last.entryDate, id: last.id });
      // Awaited on the next turn; a writer that gave up before then leaves no unhandled rejection.
      next.catch(() => {});
    }
    // A line linked to a ДСП appeal or line does not name it to a reader without clearance.
    if (page.length > 0) {
      yield page.map(({ appealRestricted, replyToRestricted, ...row }) => ({
        ...row,
        appealNumber: appealRestricted && !query.cleared ? null : row.appealNumber,
        replyToNumber: replyToRestricted && !query.cleared ? null : row.replyToNumber,
      }));
    }
    if (!last) return;
  }
}

// Async: a query builder runs again at every `then`; a promise of its rows runs once.
async function readPage(db: Db, query: RowsQuery, after: After | null) {
  const replyTo = alias(journalEntries, "reply_to");
  const e = journalEntries;
  return db
    .select({
      id: e.id,
      number: e.number,
      entryDate: e.entryDate,
      direction: e.direction,
      correspondent: e.correspondent,
      summary: e.summary,
      pages: e.pages,
      dispatch: e.dispatch,
      courtCase: e.courtCase,
      restricted: e.restricted,
      erasedAt: e.erasedAt,
      caseIndex: nomenclatureCases.index,
      appealNumber: appeals.number,
      appealRestricted: appeals.restricted,
      controlNumber: controlDocuments.number,
      replyToNumber: replyTo.number,
      replyToRestricted: replyTo.restricted,
    })
    .from(e)
    .leftJoin(nomenclatureCases, eq(nomenclatureCases.id, e.caseId))
    .leftJoin(appeals, eq(appeals.id, e.appealId))
    .leftJoin(controlDocuments, eq(controlDocuments.id, e.controlDocumentId))
    .leftJoin(replyTo, eq(replyTo.id, e.replyToId))
    .where(
      and(
        eq(e.journal, query.journal),
        gte(e.entryDate, query.from),
        lte(e.entryDate, query.to),
        query.cleared ? undefined : eq(e.restricted, false),
        after ? sql`(${e.entryDate}, ${e.id}) > (${after.date}::date, ${after.id})` : undefined,
      ),
    )
    .orderBy(asc(e.entryDate), asc(e.id))
    .limit(PAGE);
}
