import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { storedFiles } from "./files.js";
import { users } from "./people.js";

/** Gapless numbers per prefix and year (ЖТ-2026-000123): the row lock serialises registrations. */
export const numberSequences = pgTable(
  "number_sequences",
  {
    prefix: text("prefix").notNull(),
    year: integer("year").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.prefix, t.year] })],
);

export const appeals = pgTable(
  "appeals",
  {
    id: serial("id").primaryKey(),
    number: text("number").notNull().unique(),
    prefix: text("prefix").notNull(),
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    /** The confirmed draft: confirming twice finds this row instead of making another. */
    draftId: uuid("draft_id").notNull().unique(),
    /** Null for a paper or e-mailed appeal until its applicant links it in Telegram by the receipt's QR code. */
    citizenUserId: integer("citizen_user_id").references(() => users.id),
    /** How it came: through the bot, on paper, or by e-mail (registered by a registrar). */
    channel: text("channel").notNull().default("telegram"),
    /** The applicant as submitted; a later profile edit does not rewrite a registered appeal. */
    applicant: jsonb("applicant").notNull(),
    type: text("type").notNull(),
    category: text("category"),
    text: text("text").notNull(),
    /** Normalised words of the text, to spot a repeated appeal on an answered subject. */
    subjectKey: text("subject_key").notNull(),
    language: text("language").notNull(),
    replyChannel: text("reply_channel").notNull(),
    postalAddress: text("postal_address"),
    state: text("state").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    registeredOn: date("registered_on", { mode: "string" }).notNull(),
    initialDueOn: date("initial_due_on", { mode: "string" }).notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    forwardDueOn: date("forward_due_on", { mode: "string" }).notNull(),
    holderUserId: integer("holder_user_id").references(() => users.id),
    repeatedOfId: integer("repeated_of_id"),
    complaintOfId: integer("complaint_of_id"),
    restricted: boolean("restricted").notNull().default(false),
    rating: text("rating"),
    /** A mass appeal: answered with the others of its group by one approved draft. */
    groupId: integer("group_id"),
    /** The nomenclature case it is filed to (Reg. 7.1.3). */
    caseId: integer("case_id"),
    /** Set when its personal data was erased under a destruction act. */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    unique("appeals_prefix_year_seq").on(t.prefix, t.year, t.seq),
    index("appeals_citizen_idx").on(t.citizenUserId, t.id),
    index("appeals_open_due_idx").on(t.dueOn).where(sql`${t.closedAt} is null`),
    // Reminders: the morning digest reads held work from this index alone (an index-only scan in
    // deadline order); then what waits for forwarding or for approval.
    index("appeals_open_due_holder_idx").on(t.dueOn, t.number, t.holderUserId).where(sql`${t.closedAt} is null`),
    index("appeals_registered_forward_idx").on(t.forwardDueOn).where(sql`${t.state} = 'registered'`),
    index("appeals_awaiting_approval_idx").on(t.dueOn).where(sql`${t.state} = 'awaiting_approval'`),
    check(
      "appeals_state_check",
      sql`${t.state} in ('registered','in_review','forwarded_internal','awaiting_approval','answered','forwarded_external','left_without_review','withdrawn')`,
    ),
    check("appeals_channel_kind_check", sql`${t.channel} in ('telegram','paper','email') and (${t.channel} <> 'telegram' or ${t.citizenUserId} is not null)`),
    // Analytics: a day's appeals by registration and by closing, and what changed since the last refresh.
    index("appeals_registered_on_idx").on(t.registeredOn),
    index("appeals_closed_at_idx").on(t.closedAt).where(sql`${t.closedAt} is not null`),
    index("appeals_updated_at_idx").on(t.updatedAt),
    index("appeals_holder_registered_idx").on(t.holderUserId, t.registeredOn),
    index("appeals_holder_closed_idx").on(t.holderUserId, t.closedAt).where(sql`${t.closedAt} is not null`),
    // Analytics: open work per holder and how much is overdue, read from this index alone, for a
    // reviewer, a unit's reviewers or everyone (the digest's index leads with the deadline instead).
    index("appeals_open_holder_idx").on(t.holderUserId, t.dueOn).where(sql`${t.closedAt} is null`),
    index("appeals_group_idx").on(t.groupId).where(sql`${t.groupId} is not null`),
    // A week's complaints on answers (the Monday dashboard): a few among a week's thousands of appeals.
    index("appeals_complaints_idx").on(t.registeredOn).where(sql`${t.complaintOfId} is not null`),
    check("appeals_type_check", sql`${t.type} in ('application','complaint','proposal','response','request','report')`),
    check("appeals_channel_check", sql`(${t.replyChannel} = 'chat') or (${t.replyChannel} = 'post' and ${t.postalAddress} is not null)`),
  ],
);

/** Files of an appeal, from intake or a later supplement. */
export const appealFiles = pgTable(
  "appeal_files",
  {
    appealId: integer("appeal_id")
      .notNull()
      .references(() => appeals.id),
    fileId: integer("file_id")
      .notNull()
      .references(() => storedFiles.id),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.appealId, t.fileId] })],
);

/** The draft answer and, once approved, the answer as sent. */
export const appealAnswers = pgTable(
  "appeal_answers",
  {
  id: serial("id").primaryKey(),
  appealId: integer("appeal_id")
    .notNull()
    .references(() => appeals.id),
  text: text("text").notNull(),
  outcome: text("outcome").notNull(),
  authorUserId: integer("author_user_id")
    .notNull()
    .references(() => users.id),
  approvedByUserId: integer("approved_by_user_id").references(() => users.id),
  /** Whose authority the signer used: the Head, or the Head an acting deputy stands in for. */
  authorityUserId: integer("authority_user_id").references(() => users.id),
  approvedAt: timestamp("approved_at", { withTimezone: true }),
  /** Given on approval, with the signed letter and its SHA-256, so the letter can be checked later. */
  outgoingNumber: text("outgoing_number").unique(),
  letterSha256: text("letter_sha256"),
  letterFileId: integer("letter_file_id").references(() => storedFiles.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("appeal_answers_appeal_idx").on(t.appealId, t.approvedAt)],
);

/**
 * Everything that happened to an appeal, in order. Append-only: the database refuses updates
 * and deletes (see the migration's trigger), so the trail is evidence.
 */
export const appealEvents = pgTable(
  "appeal_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    appealId: integer("appeal_id")
      .notNull()
      .references(() => appeals.id),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    authorityUserId: integer("authority_user_id").references(() => users.id),
    kind: text("kind").notNull(),
    fromState: text("from_state"),
    toState: text("to_state"),
    comment: text("comment"),
    data: jsonb("data").notNull().default({}),
  },
  // The kind and time: what happened in a week (ratings, complaints) without reading every trail.
  (t) => [index("appeal_events_appeal_idx").on(t.appealId, t.id), index("appeal_events_kind_at_idx").on(t.kind, t.at)],
);
