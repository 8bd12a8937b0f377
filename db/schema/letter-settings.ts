import { sql } from "drizzle-orm";
import { check, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Every fixed word of the answer letter (letterhead, titles, the contest line), per language, as
 * rows a lawyer edits without a release. `{name}`-style placeholders are filled when printing.
 */
export const letterSettings = pgTable(
  "letter_settings",
  {
    key: text("key").notNull(),
    language: text("language").notNull(),
    value: text("value").notNull(),
    /** Where the wording comes from: a law's article, the Regulation, record-keeping rules. */
    source: text("source").notNull().default(""),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.key, t.language] }), check("letter_settings_language_check", sql`${t.language} in ('kk','ru')`)],
);
