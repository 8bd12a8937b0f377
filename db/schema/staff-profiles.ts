import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./people.js";

/**
 * A staff member's official name and position, as letters print them (DESIGN §2 answer): not the
 * name Telegram shows. The phone is the executor line's.
 */
export const staffProfiles = pgTable("staff_profiles", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id),
  surname: text("surname").notNull(),
  firstName: text("first_name").notNull(),
  patronymic: text("patronymic"),
  positionKk: text("position_kk").notNull(),
  positionRu: text("position_ru").notNull(),
  phone: text("phone"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
