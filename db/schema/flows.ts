import { sql } from "drizzle-orm";
import { bigint, integer, jsonb, pgSequence, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./people.js";

export const flowsTouchedSeq = pgSequence("flows_touched_seq");

/**
 * Where each person is in a chat flow (sign-up, intake, booking), one row per person and flow,
 * so a restart or redeploy resumes at the same step (DESIGN §8).
 */
export const flows = pgTable(
  "flows",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    step: text("step").notNull(),
    data: jsonb("data").notNull(),
    /** The bot message that asks the current question, so it can be edited or stripped of buttons. */
    messageId: integer("message_id"),
    /** Grows with every write of the step or data: a write based on an older state is refused, never lost. */
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    /**
     * The order in which a person's flows were last touched, from a database sequence: the flow
     * touched last takes their next message, even when two were touched within one clock tick.
     */
    touched: bigint("touched", { mode: "number" }).notNull().default(sql`nextval('flows_touched_seq')`),
    /**
     * The Telegram update whose handling wrote this state last: the inbox hands an update on at
     * least once, and a second run of it must find its answer already taken, not take it again.
     */
    appliedUpdate: bigint("applied_update", { mode: "number" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.name] })],
);
