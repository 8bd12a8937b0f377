import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { appeals } from "./appeals.js";
import { users } from "./people.js";

/**
 * Answer templates per category and language (DESIGN §2), kept as data so the department edits
 * them without a release. `{{name}}`, `{{number}}` and `{{received}}` are filled from the appeal.
 */
export const answerTemplates = pgTable(
  "answer_templates",
  {
    id: serial("id").primaryKey(),
    category: text("category").notNull(),
    language: text("language").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    active: boolean("active").notNull().default(true),
  },
  (t) => [
    check("answer_templates_language_check", sql`${t.language} in ('kk','ru')`),
    index("answer_templates_category_idx").on(t.category, t.language),
  ],
);

/**
 * A request to extend an appeal's review (APPK Art. 76; DESIGN §3): the holder asks with a reason
 * and a date, the Head or a deputy decides. At most one waits per appeal at a time.
 */
export const appealExtensions = pgTable(
  "appeal_extensions",
  {
    id: serial("id").primaryKey(),
    appealId: integer("appeal_id")
      .notNull()
      .references(() => appeals.id),
    requestedBy: integer("requested_by")
      .notNull()
      .references(() => users.id),
    reason: text("reason").notNull(),
    proposedDueOn: date("proposed_due_on", { mode: "string" }).notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
    decision: text("decision"),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    check("appeal_extensions_decision_check", sql`${t.decision} is null or ${t.decision} in ('granted','refused')`),
    check("appeal_extensions_decided_check", sql`(${t.decision} is null) = (${t.decidedAt} is null)`),
    uniqueIndex("appeal_extensions_one_pending_idx").on(t.appealId).where(sql`${t.decidedAt} is null`),
  ],
);
