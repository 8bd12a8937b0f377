import { boolean, integer, pgTable, timestamp } from "drizzle-orm/pg-core";
import { users } from "./people.js";

/**
 * What a member of staff chose about the reminders they get. Only the morning digest can be
 * muted; notices of an overdue appeal always go out (Reg. 5.3).
 */
export const staffReminderSettings = pgTable("staff_reminder_settings", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id),
  digestMuted: boolean("digest_muted").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
