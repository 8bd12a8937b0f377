import { sql } from "drizzle-orm";
import { rowsOf } from "../../db/rows.js";
import { APPEAL_CATEGORIES, type AppealCategory } from "../appeals/kinds.js";
import type { Ctx } from "../shared/context.js";
import type { Actor } from "../shared/roles.js";
import { FINAL_OUTCOME } from "./facts-sql.js";
import { FINAL_OUTCOMES, type FinalOutcome } from "./measures.js";
import type { Period } from "./period.js";
import { resolveScope } from "./scope.js";

/** How many of the most frequent subjects the note lists. */
const TOP_SUBJECTS = 10;
/** Answers listed by number; the rest are counted, so a heavy quarter still makes a readable draft. */
const ANSWERS_LISTED = 100;

/** An appeal not yet classified by the registrar. */
export type NoteCategory = AppealCategory | "none";
/** How an appeal ended, or `open` while it is under review. */
export type NoteOutcome = FinalOutcome | "open";
export const NOTE_OUTCOMES: readonly NoteOutcome[] = [...FINAL_OUTCOMES, "open"];

export interface CategoryLine {
  category: NoteCategory;
  appeals: number;
  repeated: number;
  outcomes: Record<NoteOutcome, number>;
}

/** A repeated-appeal key (the detector's fingerprint of the text) that several appeals share. */
export interface SubjectLine {
  /** Null when every appeal of the subject is ДСП and the reader has no clearance: the words come from their texts. */
  key: string | null;
  appeals: number;
  repeated: number;
  /** One appeal of the subject, by number; null when only ДСП ones would do and the reader has no clearance. */
  example: string | null;
}

/** An answer that drew a complaint or an unsatisfied rating. */
export interface AnswerLine {
  /** Null for a ДСП appeal the reader has no clearance for: counted, never named. */
  number: string | null;
  category: NoteCategory;
  outcome: NoteOutcome;
  unsatisfied: boolean;
  /** The complaints on the answer, in the order they came; null for a ДСП one the reader may not see. */
  complaints: (string | null)[];
}

/** The draft note generalising the practice of a period, as one reader may see it. */
export interface PracticeNote {
  period: Period;
  /** When it was gathered. */
  asOf: Date;
  total: number;
  repeated: number;
  /** ДСП appeals among them: counted everywhere, named only to the cleared. */
  restricted: number;
  categories: CategoryLine[];
  subjects: SubjectLine[];
  answers: {
    complained: number;
    unsatisfied: number;
    lines: AnswerLine[];
    /** Lines beyond those listed. */
    more: number;
  };
}

interface Numbered {
  number: string;
  restricted: boolean;
}

interface RawSubject {
  key: string;
  appeals: number;
  repeated: number;
  publicExample: string | null;
  anyExample: string;
}

interface RawAnswer extends Numbered {
  category: NoteCategory;
  outcome: NoteOutcome;
  unsatisfied: boolean;
  complaints: Numbered[];
}

/** What the period's appeals say, numbers and ДСП marks included: read once, then shown to each reader as they may see it. */
export interface PracticeFacts {
  period: Period;
  asOf: Date;
  categories: CategoryLine[];
  restricted: number;
  subjects: RawSubject[];
  answers: RawAnswer[];
}

/** The period's appeals, by their registration date (the index on `registered_on`). */
const inPeriod = (period: Period) => sql`a.registered_on between ${period.from}::date and ${period.to}::date`;

async function categoriesOf(ctx: Ctx, period: Period): Promise<{ lines: CategoryLine[]; restricted: number }> {
  const rows = await rowsOf<{ category: NoteCategory; outcome: NoteOutcome; appeals: number; repeated: number; restricted: number }>(
    ctx.db,
    sql`select coalesce(a.category, 'none') as category, coalesce(${FINAL_OUTCOME}, 'open') as outcome, count(*)::int as appeals,
          count(*) filter (where a.repeated_of_id is not null)::int as repeated, count(*) filter (where a.restricted)::int as restricted
        from appeals a where ${inPeriod(period)}
        group by 1, 2`,
  );
  const empty = (category: NoteCategory): CategoryLine => ({ category, appeals: 0, repeated: 0, outcomes: Object.fromEntries(NOTE_OUTCOMES.map((o) => [o, 0])) as Record<NoteOutcome, number> });
  // Every category is shown, an empty one too; appeals not yet classified only when there are some.
  const lines = new Map<NoteCategory, CategoryLine>(APPEAL_CATEGORIES.map((c) => [c, empty(c)]));
  for (const row of rows) {
    const line = lines.get(row.category) ?? empty(row.category);
    line.appeals += row.appeals;
    line.repeated += row.repeated;
    line.outcomes[row.outcome] += row.appeals;
    lines.set(row.category, line);
  }
  const order = (c: NoteCategory) => (c === "none" ? APPEAL_CATEGORIES.length : APPEAL_CATEGORIES.indexOf(c));
  return {
    lines: [...lines.values()].sort((a, b) => b.appeals - a.appeals || order(a.category) - order(b.category)),
    restricted: rows.reduce((sum, r) => sum + r.restricted, 0),
  };
}

/** Keys several appeals share, most appeals first; an erased appeal's empty key is no subject. */
async function subjectsOf(ctx: Ctx, period: Period): Promise<RawSubject[]> {
  const rows = await rowsOf<{ key: string; appeals: number; repeated: number; public_example: string | null; any_example: string }>(
    ctx.db,
    sql`select a.subject_key as key, count(*)::int as appeals, count(*) filter (where a.repeated_of_id is not null)::int as repeated,
          (array_agg(a.number order by a.id) filter (where not a.restricted))[1] as public_example, (array_agg(a.number order by a.id))[1] as any_example
        from appeals a where ${inPeriod(period)} and a.subject_key <> ''
        group by a.subject_key having count(*) > 1
        order by 2 desc, 3 desc, a.subject_key collate "C"
        limit ${TOP_SUBJECTS}`,
  );
  return rows.map((r) => ({ key: r.key, appeals: r.appeals, repeated: r.repeated, publicExample: r.public_example, anyExample: r.any_example }));
}

/**
 * The period's appeals whose answer drew a complaint or was rated unsatisfied. A complaint comes
 * after its answer, so the complaints are read from the period's first day on, by the same index.
 */
async function answersOf(ctx: Ctx, period: Period): Promise<RawAnswer[]> {
  const complaints = await rowsOf<{ of_id: number; number: string; restricted: boolean }>(
    ctx.db,
    sql`select c.complaint_of_id as of_id, c.number, c.restricted
        from appeals c join appeals a on a.id = c.complaint_of_id
        where c.registered_on >= ${period.from}::date and c.complaint_of_id is not null and ${inPeriod(period)}
        order by c.id`,
  );
  const byAppeal = new Map<number, Numbered[]>();
  for (const c of complaints) byAppeal.set(c.of_id, [...(byAppeal.get(c.of_id) ?? []), { number: c.number, restricted: c.restricted }]);
  const complained = [...byAppeal.keys()].join(",");
  const rows = await rowsOf<{ id: number; number: string; restricted: boolean; category: NoteCategory; outcome: NoteOutcome; unsatisfied: boolean }>(
    ctx.db,
    sql`select a.id, a.number, a.restricted, coalesce(a.category, 'none') as category, coalesce(${FINAL_OUTCOME}, 'open') as outcome,
          coalesce(a.rating = 'unsatisfied', false) as unsatisfied
        from appeals a
        where ${inPeriod(period)} and (a.rating = 'unsatisfied' or a.id = any(string_to_array(${complained}, ',')::int[]))
        order by a.id`,
  );
  const lines = rows.map(({ id, ...row }) => ({ ...row, complaints: byAppeal.get(id) ?? [] }));
  // The complained-about first: a complaint weighs more than a rating.
  return [...lines.filter((l) => l.complaints.length > 0), ...lines.filter((l) => l.complaints.length === 0)];
}

/** Reads the period's facts whoever asks; the scheduled note and `practiceNote` show them to each reader through `noteFor`. */
export async function practiceFacts(ctx: Ctx, period: Period): Promise<PracticeFacts> {
  const asOf = ctx.clock.now();
  const [categories, subjects, answers] = await Promise.all([categoriesOf(ctx, period), subjectsOf(ctx, period), answersOf(ctx, period)]);
  return { period, asOf, categories: categories.lines, restricted: categories.restricted, subjects, answers };
}

/** The facts as a reader sees them: a ДСП appeal's number, and words from its text, only with clearance. */
export function noteFor(facts: PracticeFacts, clearance: boolean): PracticeNote {
  const shown = (n: Numbered) => (n.restricted && !clearance ? null : n.number);
  const lines = facts.answers.map((a) => ({ number: shown(a), category: a.category, outcome: a.outcome, unsatisfied: a.unsatisfied, complaints: a.complaints.map(shown) }));
  const example = (s: RawSubject) => s.publicExample ?? (clearance ? s.anyExample : null);
  return {
    period: facts.period,
    asOf: facts.asOf,
    total: facts.categories.reduce((sum, c) => sum + c.appeals, 0),
    repeated: facts.categories.reduce((sum, c) => sum + c.repeated, 0),
    restricted: facts.restricted,
    categories: facts.categories,
    subjects: facts.subjects.map((s) => ({ key: example(s) === null ? null : s.key, appeals: s.appeals, repeated: s.repeated, example: example(s) })),
    answers: {
      complained: lines.filter((l) => l.complaints.length > 0).length,
      unsatisfied: lines.filter((l) => l.unsatisfied).length,
      lines: lines.slice(0, ANSWERS_LISTED),
      more: Math.max(0, lines.length - ANSWERS_LISTED),
    },
  };
}

/**
 * The draft note generalising the practice of a period (Reg. 7.2.2) for the department: the most
 * frequent subjects, the outcomes per category, and the answers that drew complaints or an
 * unsatisfied rating. For the sector to edit; it goes nowhere by itself.
 */
export async function practiceNote(ctx: Ctx, actor: Actor, input: { period: Period }): Promise<PracticeNote> {
  await resolveScope(ctx, actor, { kind: "department" });
  return noteFor(await practiceFacts(ctx, input.period), actor.clearance);
}
