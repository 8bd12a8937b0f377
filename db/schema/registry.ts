import { sql } from "drizzle-orm";
import { bigserial, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, unique } from "drizzle-orm/pg-core";
import { storedFiles } from "./files.js";
import { users } from "./people.js";

/**
 * The nomenclature of cases (наряд) of one year (Reg. 7.1.3): every journal entry and appeal is filed
 * to one. `retentionYears` null means kept permanently; `holds` names the journal (or `appeals`) whose
 * records are filed here unless a registrar chooses another case.
 */
export const nomenclatureCases = pgTable(
  "nomenclature_cases",
  {
    id: serial("id").primaryKey(),
    year: integer("year").notNull(),
    index: text("index").notNull(),
    title: text("title").notNull(),
    retentionYears: integer("retention_years"),
    /** Articles of the standard list of documents with their retention periods. */
    articles: text("articles"),
    holds: text("holds"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    unique("nomenclature_cases_year_index").on(t.year, t.index),
    unique("nomenclature_cases_year_holds").on(t.year, t.holds),
    check("nomenclature_cases_retention_check", sql`${t.retentionYears} is null or ${t.retentionYears} > 0`),
    check("nomenclature_cases_holds_check", sql`${t.holds} in ('incoming','outgoing','court_cases','restricted','appeals')`),
  ],
);

/**
 * An act that ends temporary cases whose term ran out (Law 94-V): drafted by the year-end
 * job, approved by the Head; once approved, the personal data of its cases is erased and the act's
 * number stays in every trail that erasure touched.
 */
export const destructionActs = pgTable("destruction_acts", {
  id: serial("id").primaryKey(),
  number: text("number").notNull().unique(),
  year: integer("year").notNull(),
  caseIds: jsonb("case_ids").$type<number[]>().notNull(),
  draftedAt: timestamp("drafted_at", { withTimezone: true }).notNull(),
  approvedBy: integer("approved_by").references(() => users.id),
  approvedAt: timestamp("approved_at", { withTimezone: true }),
  erasedAt: timestamp("erased_at", { withTimezone: true }),
});

/**
 * One line of a registry journal (Reg. 7.1.1–7.1.2; DESIGN §6): incoming and outgoing correspondence,
 * court cases in and out, documents for official use. The number is gapless per journal and year (the
 * appeal numbers' mechanism). Lines are never deleted; a correction is an event and updates the line.
 */
export const journalEntries = pgTable(
  "journal_entries",
  {
    id: serial("id").primaryKey(),
    journal: text("journal").notNull(),
    number: text("number").notNull().unique(),
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    entryDate: date("entry_date", { mode: "string" }).notNull(),
    /** Court cases only: whether the case came to the department or went out of it. */
    direction: text("direction"),
    correspondent: text("correspondent").notNull(),
    summary: text("summary").notNull(),
    pages: integer("pages"),
    /** Outgoing only: how it went (telegram, post with its post number, courier, e-mail with the address). */
    dispatch: jsonb("dispatch"),
    /** Court cases only: case number, court, volumes, date sent and returned. */
    courtCase: jsonb("court_case"),
    restricted: boolean("restricted").notNull().default(false),
    appealId: integer("appeal_id"),
    controlDocumentId: integer("control_document_id"),
    /** The entry this one answers or replies to. */
    replyToId: integer("reply_to_id"),
    caseId: integer("case_id").references(() => nomenclatureCases.id),
    /** Null when the operator at the console or the system (a signed answer) made it. */
    createdBy: integer("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** Set when the personal data of the line was erased under a destruction act. */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
  },
  (t) => [
    unique("journal_entries_journal_year_seq").on(t.journal, t.year, t.seq),
    index("journal_entries_journal_date_idx").on(t.journal, t.entryDate, t.id),
    index("journal_entries_appeal_idx").on(t.appealId),
    index("journal_entries_case_idx").on(t.caseId),
    check("journal_entries_journal_check", sql`${t.journal} in ('incoming','outgoing','court_cases','restricted')`),
    check("journal_entries_direction_check", sql`(${t.journal} = 'court_cases') = (${t.direction} is not null)`),
    check("journal_entries_direction_value", sql`${t.direction} in ('in','out')`),
    check("journal_entries_pages_check", sql`${t.pages} is null or ${t.pages} > 0`),
    check("journal_entries_restricted_journal", sql`${t.journal} <> 'restricted' or ${t.restricted}`),
  ],
);

export const journalEntryFiles = pgTable(
  "journal_entry_files",
  {
    entryId: integer("entry_id")
      .notNull()
      .references(() => journalEntries.id),
    fileId: integer("file_id")
      .notNull()
      .references(() => storedFiles.id),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.fileId] })],
);

/** Everything that happened to a journal line, in order: append-only, like the appeals' trail. */
export const journalEntryEvents = pgTable(
  "journal_entry_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    entryId: integer("entry_id")
      .notNull()
      .references(() => journalEntries.id),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    kind: text("kind").notNull(),
    reason: text("reason"),
    data: jsonb("data").notNull().default({}),
  },
  (t) => [
    index("journal_entry_events_entry_idx").on(t.entryId, t.id),
    check("journal_entry_events_kind_check", sql`${t.kind} in ('registered','corrected','restricted','unrestricted','filed','erased')`),
  ],
);

/** Appeals on one subject answered by one approved draft, each as its own letter (mass appeals). */
export const appealGroups = pgTable("appeal_groups", {
  id: serial("id").primaryKey(),
  title: text("title").notNull(),
  subjectKey: text("subject_key"),
  createdBy: integer("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});

/**
 * A one-time link from a paper receipt's QR code to the bot: whoever opens it and confirms the
 * applicant's IIN follows the appeal in Telegram. Only the token's SHA-256 is kept.
 */
export const appealTrackTokens = pgTable(
  "appeal_track_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    appealId: integer("appeal_id").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    usedBy: integer("used_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("appeal_track_tokens_appeal_idx").on(t.appealId)],
);
