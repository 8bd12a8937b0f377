import { and, asc, eq, inArray, isNotNull, or } from "drizzle-orm";
import { outbox, units, users } from "../../db/schema/index.js";
import { labels } from "../../locales/index.js";
import { recordStoredFile } from "../appeals/attachments.js";
import { almatyDate, almatyHour } from "../calendar/dates.js";
import { loadCalendar } from "../calendar/calendar-store.js";
import { sameOrNextWorkingDay } from "../calendar/working-days.js";
import type { Ctx } from "../shared/context.js";
import { realRowsOnly } from "../shared/demo.js";
import { APPEAL_WORK_ROLES } from "../shared/roles.js";
import { notifyStaff } from "../staff/notify.js";
import { asStaffMember, roleHoldersCondition, STAFF_MEMBER_COLUMNS, type StaffMember } from "../staff/recipients.js";
import { periodAround } from "./period.js";
import { noteFor, practiceFacts } from "./practice-note.js";
import { noteLanguage, periodCode, periodTitle, renderPracticeNote } from "./practice-note-pdf.js";

/** The note goes out from 09:00 Almaty: a catch-up run at an earlier restart waits for the hour. */
const SEND_HOUR = 9;

/**
 * The Head and the heads of the sectors, if they work on appeals: the note quotes words of appeals'
 * texts, which the technical administrator does not see (DESIGN §1).
 */
async function readers(ctx: Ctx): Promise<StaffMember[]> {
  const sectorHeads = ctx.db
    .select({ id: units.headUserId })
    .from(units)
    .where(and(eq(units.kind, "sector"), eq(units.active, true), isNotNull(units.headUserId), realRowsOnly(ctx, units.demo)));
  const rows = await ctx.db
    .select(STAFF_MEMBER_COLUMNS)
    .from(users)
    .where(and(roleHoldersCondition(ctx, { roles: APPEAL_WORK_ROLES }), or(eq(users.role, "head"), inArray(users.id, sectorHeads))))
    .orderBy(asc(users.id));
  return rows.map(asStaffMember);
}

/** Thrown inside a reader's transaction when their note was written meanwhile: its file row goes back too. */
class AlreadySent extends Error {}

/**
 * On the first working day of a quarter, from 09:00 Almaty, each reader gets the draft note of the
 * quarter just ended as a PDF in their language, ДСП numbers only if they are cleared. Once per
 * quarter and reader, whatever runs it; returns how many notes it wrote.
 */
export async function sendPracticeNotes(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const today = almatyDate(now);
  if (almatyHour(now) < SEND_HOUR || today !== sameOrNextWorkingDay(await loadCalendar(ctx.db), periodAround("quarter", today).from)) return 0;
  const period = periodAround("quarter", today, -1);
  const code = periodCode(period);
  const keyOf = (userId: number) => `analytics:practice:${code}:${userId}`;
  const people = await readers(ctx);
  if (people.length === 0) return 0;
  // Who has theirs already: a second run renders nothing.
  const sent = new Set((await ctx.db.select({ key: outbox.dedupeKey }).from(outbox).where(inArray(outbox.dedupeKey, people.map((p) => keyOf(p.id))))).map((r) => r.key));
  const due = people.filter((p) => !sent.has(keyOf(p.id)));
  if (due.length === 0) return 0;

  const facts = await practiceFacts(ctx, period);
  /** One PDF per language and clearance, kept once by its content. */
  const copies = new Map<string, Promise<{ sha256: string; size: number; fileName: string }>>();
  const copyFor = (person: StaffMember) => {
    const language = noteLanguage(person.language);
    const variant = `${language}:${person.clearance}`;
    if (!copies.has(variant)) {
      copies.set(
        variant,
        renderPracticeNote(ctx.db, noteFor(facts, person.clearance), language).then(async ({ pdf, fileName }) => ({ ...(await ctx.files.save(pdf)), fileName })),
      );
    }
    return copies.get(variant)!;
  };

  let written = 0;
  for (const person of due) {
    const copy = await copyFor(person);
    try {
      written += await ctx.db.transaction(async (tx) => {
        const fileId = await recordStoredFile(ctx, tx, person.id, { ...copy, mimeType: "application/pdf", telegramFileId: null });
        const fresh = await notifyStaff(ctx, tx, [person.id], keyOf, {
          key: "analytics.practice.notice",
          params: (language) => ({ period: periodTitle(labels(language), period) }),
          fileIds: [fileId],
        });
        if (fresh === 0) throw new AlreadySent();
        return fresh;
      });
    } catch (error) {
      if (!(error instanceof AlreadySent)) throw error;
    }
  }
  ctx.log.info({ period: code, notes: written }, "practice notes sent");
  return written;
}
