import { sql } from "drizzle-orm";
import { bigserial, check, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { storedFiles } from "./files.js";
import { users } from "./people.js";
import { units } from "./staff.js";

/** How long before the due date an executor is reminded (Reg. 7.1.8), as data a lawyer can correct; one row. */
export const controlPolicies = pgTable(
  "control_policies",
  {
    id: text("id").primaryKey().default("control"),
    reminderLeadWorkingDays: integer("reminder_lead_working_days").notNull(),
    source: text("source").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("control_policies_one_row", sql`${t.id} = 'control'`), check("control_policies_lead_positive", sql`${t.reminderLeadWorkingDays} > 0`)],
);

/**
 * An assignment given to JA units for execution (Reg. 5.3, 7.1.8; DESIGN §4). `originKind`/`originId`
 * name what it came from (an outcome of personal reception) without a foreign key, so the source
 * capability stays its own.
 */
export const controlDocuments = pgTable(
  "control_documents",
  {
    id: serial("id").primaryKey(),
    number: text("number").notNull().unique(),
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    source: text("source").notNull(),
    sourceNumber: text("source_number").notNull(),
    sourceDate: date("source_date", { mode: "string" }).notNull(),
    text: text("text"),
    fileId: integer("file_id").references(() => storedFiles.id),
    recordedOn: date("recorded_on", { mode: "string" }).notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    originKind: text("origin_kind"),
    originId: integer("origin_id"),
    /** Null when the operator at the console recorded it. */
    createdBy: integer("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    check(
      "control_documents_source_check",
      sql`${t.source} in ('head_of_state','presidential_administration','prime_minister_office','sc_chairman','reception','citizen_objection')`,
    ),
    check("control_documents_content_check", sql`${t.text} is not null or ${t.fileId} is not null`),
    check("control_documents_origin_check", sql`(${t.originKind} is null) = (${t.originId} is null)`),
    index("control_documents_origin_idx").on(t.originKind, t.originId),
  ],
);

/**
 * One executor of a control document: a person in a unit, with their own due date (an extension
 * moves it) and their progress. `remindOn` is fixed when the due date is; `remindedAt` and
 * `overdueReportedAt` are claimed once, so a job run twice writes nothing the second time.
 */
export const controlExecutors = pgTable(
  "control_executors",
  {
    id: serial("id").primaryKey(),
    documentId: integer("document_id")
      .notNull()
      .references(() => controlDocuments.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    unitId: integer("unit_id").references(() => units.id),
    state: text("state").notNull().default("assigned"),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    remindOn: date("remind_on", { mode: "string" }),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    overdueReportedAt: timestamp("overdue_reported_at", { withTimezone: true }),
    /** The day the report was accepted: on time when not after `dueOn`. */
    executedOn: date("executed_on", { mode: "string" }),
  },
  (t) => [
    check("control_executors_state_check", sql`${t.state} in ('assigned','reported','executed')`),
    check("control_executors_executed_check", sql`(${t.state} = 'executed') = (${t.executedOn} is not null)`),
    uniqueIndex("control_executors_person_idx").on(t.documentId, t.userId),
    index("control_executors_user_due_idx").on(t.userId, t.dueOn),
    index("control_executors_due_idx").on(t.dueOn).where(sql`${t.state} <> 'executed'`),
  ],
);

/** An executor's report of execution, and the registrar's decision on it. */
export const controlReports = pgTable(
  "control_reports",
  {
    id: serial("id").primaryKey(),
    executorId: integer("executor_id")
      .notNull()
      .references(() => controlExecutors.id),
    note: text("note"),
    fileId: integer("file_id").references(() => storedFiles.id),
    state: text("state").notNull().default("pending"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull(),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    comment: text("comment"),
  },
  (t) => [
    check("control_reports_state_check", sql`${t.state} in ('pending','accepted','returned')`),
    check("control_reports_content_check", sql`${t.note} is not null or ${t.fileId} is not null`),
    uniqueIndex("control_reports_one_pending_idx").on(t.executorId).where(sql`${t.state} = 'pending'`),
  ],
);

/** An executor asks for more time: a reason and a proposed date; a registrar, deputy or the Head decides. */
export const controlExtensionRequests = pgTable(
  "control_extension_requests",
  {
    id: serial("id").primaryKey(),
    executorId: integer("executor_id")
      .notNull()
      .references(() => controlExecutors.id),
    reason: text("reason").notNull(),
    proposedDueOn: date("proposed_due_on", { mode: "string" }).notNull(),
    state: text("state").notNull().default("pending"),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    check("control_extension_requests_state_check", sql`${t.state} in ('pending','granted','refused')`),
    uniqueIndex("control_extension_requests_one_pending_idx").on(t.executorId).where(sql`${t.state} = 'pending'`),
  ],
);

/** Everything that happened to a control document, in order; append-only (see the migration's trigger). */
export const controlEvents = pgTable(
  "control_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    documentId: integer("document_id")
      .notNull()
      .references(() => controlDocuments.id),
    executorId: integer("executor_id").references(() => controlExecutors.id),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    kind: text("kind").notNull(),
    comment: text("comment"),
    data: jsonb("data").notNull().default({}),
  },
  (t) => [index("control_events_document_idx").on(t.documentId, t.id)],
);
