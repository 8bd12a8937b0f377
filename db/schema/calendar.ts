import { sql } from "drizzle-orm";
import { boolean, check, date, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Exceptions to "Monday–Friday work, weekends off" (DESIGN §3): holidays and days off moved by
 * decree (`working = false`), and weekend days a decree made working (`working = true`).
 */
export const calendarDays = pgTable("calendar_days", {
  day: date("day", { mode: "string" }).primaryKey(),
  working: boolean("working").notNull(),
  note: text("note").notNull().default(""),
});

/** Deadlines per appeal type, as data a lawyer can correct (APPK Art. 76; DESIGN §3). */
export const deadlinePolicies = pgTable(
  "deadline_policies",
  {
    appealType: text("appeal_type").primaryKey(),
    reviewWorkingDays: integer("review_working_days").notNull(),
    forwardWorkingDays: integer("forward_working_days").notNull(),
    /**
     * The whole term, extension included, ends at most this many months after registration: the
     * stricter reading of APPK Art. 76(2), "не более чем до двух месяцев".
     */
    maxTermMonths: integer("max_term_months").notNull(),
    extensionNoticeWorkingDays: integer("extension_notice_working_days").notNull(),
    source: text("source").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      "deadline_policies_positive",
      sql`${t.reviewWorkingDays} > 0 and ${t.forwardWorkingDays} > 0 and ${t.maxTermMonths} > 0 and ${t.extensionNoticeWorkingDays} > 0`,
    ),
  ],
);
