import { and, asc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import {
  appealAnswers,
  appealEvents,
  appealFiles,
  appeals,
  controlDocuments,
  controlReports,
  destructionActs,
  journalEntries,
  journalEntryEvents,
  journalEntryFiles,
  storedFiles,
} from "../../db/schema/index.js";
import { eraseMessagesAbout } from "../outbox/retention.js";
import type { Ctx } from "../shared/context.js";
import type { CaseCounts } from "./case-records.js";
import type { DestructionAct } from "./destruction-acts.js";

/** What stands where a name, a number or a phone was: the same in every language, and never a value. */
export const ERASED_MARK = "***";
/** The name an erased file keeps: its own name could be a person's. */
const ERASED_FILE_NAME = "erased";
/** Trail rows per statement, well under PostgreSQL's limit of parameters. */
const CHUNK = 1000;

/**
 * Erases the personal data in the cases of every approved act not yet done (Law 94-V: data whose
 * term of keeping ran out is destroyed). Each act in three steps that may each be repeated, so a crash between them
 * is finished by the next run: the records of its cases (erased ones are skipped), then the files'
 * bytes, then the act marked erased. Returns how many records and acts it changed.
 */
export async function eraseApprovedActs(ctx: Ctx): Promise<number> {
  const acts = await ctx.db
    .select()
    .from(destructionActs)
    .where(and(isNotNull(destructionActs.approvedAt), isNull(destructionActs.erasedAt)))
    .orderBy(asc(destructionActs.id));
  let changed = 0;
  for (const act of acts) {
    const done = await eraseAct(ctx, act);
    changed += done.appeals + done.entries + 1;
  }
  return changed;
}

export interface Erased extends CaseCounts {
  files: number;
}

/** One approved act's erasure, the same steps; the console runs it right after approving. */
export async function eraseAct(ctx: Ctx, act: DestructionAct): Promise<Erased> {
  const erased = await ctx.db.transaction((tx) => eraseRecords(ctx, tx, act));
  const files = await removeFiles(ctx, act.caseIds);
  await ctx.db
    .update(destructionActs)
    .set({ erasedAt: ctx.clock.now() })
    .where(and(eq(destructionActs.id, act.id), isNull(destructionActs.erasedAt)));
  ctx.log.info({ act: act.id, appeals: erased.appeals, entries: erased.entries, files }, "personal data erased under a destruction act");
  return { ...erased, files };
}

/**
 * Appeals lose the applicant (the kind stays), their text, postal address, answer text and the free
 * text of their trail; journal lines lose the correspondent, an e-mail address or post number of their
 * dispatch, and their trail's reasons and corrected values. Number, date,
 * journal, summary and case stay, and each record's trail gets `erased` with the act's number, on the
 * Head's authority (the audit shows the number as the event's comment).
 */
async function eraseRecords(ctx: Ctx, tx: DbOrTx, act: DestructionAct): Promise<CaseCounts> {
  const now = ctx.clock.now();
  const data = { act: act.number };
  const erasedAppeals = await tx
    .update(appeals)
    .set({
      applicant: sql`jsonb_build_object('kind', ${appeals.applicant}->'kind', 'fullName', ${ERASED_MARK}::text, 'iin', null, 'bin', null, 'organization', null, 'phone', ${ERASED_MARK}::text)`,
      text: "",
      subjectKey: "",
      // A reply by post needs an address to be recorded; an empty one stands for the erased.
      postalAddress: sql`case when ${appeals.postalAddress} is null then null else '' end`,
      erasedAt: now,
      updatedAt: now,
    })
    .where(and(inArray(appeals.caseId, act.caseIds), isNull(appeals.erasedAt)))
    .returning({ id: appeals.id });
  const appealIds = erasedAppeals.map((a) => a.id);
  for (let i = 0; i < appealIds.length; i += CHUNK) {
    const ids = appealIds.slice(i, i + CHUNK);
    await tx.update(appealAnswers).set({ text: "" }).where(inArray(appealAnswers.appealId, ids));
    // The notices that told the citizen of it carry the answer's text and the appeal's words.
    await eraseMessagesAbout(tx, now, ids);
    // Free text in the trail may be the applicant's own words; the database lets only this through.
    await tx.update(appealEvents).set({ comment: ERASED_MARK }).where(and(inArray(appealEvents.appealId, ids), isNotNull(appealEvents.comment)));
    await tx.insert(appealEvents).values(ids.map((appealId) => ({ appealId, at: now, authorityUserId: act.approvedBy, kind: "erased", comment: act.number, data })));
  }

  const erasedEntries = await tx
    .update(journalEntries)
    .set({
      correspondent: ERASED_MARK,
      dispatch: sql`case when ${journalEntries.dispatch} is null then null else jsonb_build_object('method', ${journalEntries.dispatch}->'method') end`,
      erasedAt: now,
    })
    .where(and(inArray(journalEntries.caseId, act.caseIds), isNull(journalEntries.erasedAt)))
    .returning({ id: journalEntries.id });
  for (let i = 0; i < erasedEntries.length; i += CHUNK) {
    const ids = erasedEntries.slice(i, i + CHUNK).map((e) => e.id);
    // A reason may name a person, and a correction keeps the old correspondent.
    await tx
      .update(journalEntryEvents)
      .set({
        reason: sql`case when ${journalEntryEvents.reason} is null then null else ${ERASED_MARK} end`,
        data: sql`case when ${journalEntryEvents.kind} = 'corrected' then '{}'::jsonb else ${journalEntryEvents.data} end`,
      })
      .where(and(inArray(journalEntryEvents.entryId, ids), sql`(${journalEntryEvents.reason} is not null or ${journalEntryEvents.kind} = 'corrected')`));
    await tx.insert(journalEntryEvents).values(erasedEntries.slice(i, i + CHUNK).map((e) => ({ entryId: e.id, at: now, kind: "erased", reason: act.number, data })));
  }
  return { appeals: appealIds.length, entries: erasedEntries.length };
}

/**
 * The bytes of the files of the cases' records, and their names. Bytes are kept by content, so the
 * same content another record still uses (an erased record's file sent again later, a control
 * document) stays, as does content someone has uploaded and not yet attached.
 */
async function removeFiles(ctx: Ctx, caseIds: number[]): Promise<number> {
  const ofAppeals = ctx.db.select({ id: appeals.id }).from(appeals).where(inArray(appeals.caseId, caseIds));
  const [attached, letters, filed] = await Promise.all([
    ctx.db.select({ sha256: storedFiles.sha256 }).from(appealFiles).innerJoin(storedFiles, eq(storedFiles.id, appealFiles.fileId)).where(inArray(appealFiles.appealId, ofAppeals)),
    ctx.db.select({ sha256: storedFiles.sha256 }).from(appealAnswers).innerJoin(storedFiles, eq(storedFiles.id, appealAnswers.letterFileId)).where(inArray(appealAnswers.appealId, ofAppeals)),
    ctx.db
      .select({ sha256: storedFiles.sha256 })
      .from(journalEntryFiles)
      .innerJoin(storedFiles, eq(storedFiles.id, journalEntryFiles.fileId))
      .innerJoin(journalEntries, eq(journalEntries.id, journalEntryFiles.entryId))
      .where(inArray(journalEntries.caseId, caseIds)),
  ]);
  const candidates = [...new Set([...attached, ...letters, ...filed].map((f) => f.sha256))];
  if (candidates.length === 0) return 0;
  const needed = new Set((await stillNeeded(ctx.db, candidates)).map((r) => r.sha256));
  const gone = candidates.filter((sha) => !needed.has(sha));
  for (const sha256 of gone) await ctx.files.remove(sha256);
  if (gone.length > 0) await ctx.db.update(storedFiles).set({ fileName: ERASED_FILE_NAME, telegramFileId: null }).where(inArray(storedFiles.sha256, gone));
  return gone.length;
}

/** Contents some row of which a record not erased uses, or that nothing uses yet. */
function stillNeeded(db: DbOrTx, shas: string[]) {
  const liveAppeal = sql`exists (select 1 from ${appealFiles} join ${appeals} on ${appeals.id} = ${appealFiles.appealId} where ${appealFiles.fileId} = ${storedFiles.id} and ${appeals.erasedAt} is null)`;
  const liveLetter = sql`exists (select 1 from ${appealAnswers} join ${appeals} on ${appeals.id} = ${appealAnswers.appealId} where ${appealAnswers.letterFileId} = ${storedFiles.id} and ${appeals.erasedAt} is null)`;
  const liveEntry = sql`exists (select 1 from ${journalEntryFiles} join ${journalEntries} on ${journalEntries.id} = ${journalEntryFiles.entryId} where ${journalEntryFiles.fileId} = ${storedFiles.id} and ${journalEntries.erasedAt} is null)`;
  const control = sql`exists (select 1 from ${controlDocuments} where ${controlDocuments.fileId} = ${storedFiles.id}) or exists (select 1 from ${controlReports} where ${controlReports.fileId} = ${storedFiles.id})`;
  const unused = sql`not exists (select 1 from ${appealFiles} where ${appealFiles.fileId} = ${storedFiles.id})
    and not exists (select 1 from ${appealAnswers} where ${appealAnswers.letterFileId} = ${storedFiles.id})
    and not exists (select 1 from ${journalEntryFiles} where ${journalEntryFiles.fileId} = ${storedFiles.id})`;
  return db
    .selectDistinct({ sha256: storedFiles.sha256 })
    .from(storedFiles)
    .where(and(inArray(storedFiles.sha256, shas), sql`(${liveAppeal} or ${liveLetter} or ${liveEntry} or ${control} or (${unused}))`));
}
