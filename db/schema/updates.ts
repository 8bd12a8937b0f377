import { sql } from "drizzle-orm";
import { bigint, check, index, integer, json, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The update inbox: every update Telegram delivers is written here before it is acknowledged
 * (the webhook's 200, the next getUpdates offset), then handled from here, one chat's updates in
 * order, by whichever instance claims it. `update_id` is the key, so an update Telegram sends
 * twice is stored, and handled, once.
 */
export const updates = pgTable(
  "updates",
  {
    updateId: bigint("update_id", { mode: "number" }).primaryKey(),
    /** Whose turn it waits for: the chat, or the sender of an update without one. */
    chatId: bigint("chat_id", { mode: "number" }).notNull(),
    /** The update as Telegram sent it; json rather than jsonb keeps any text as sent, \u0000 included. */
    payload: json("payload").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    state: text("state").notNull().default("pending"),
    /** Times a worker took it: tries that failed, and claims whose worker died. */
    attempts: integer("attempts").notNull().default(0),
    claimedBy: text("claimed_by"),
    /**
     * No worker takes the row before this, in the database's time: while in progress, the claim's
     * lease (renewed as the work goes on); while pending after a failed try, the pause before the next.
     */
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
  },
  (t) => [
    // Claims walk the unfinished rows in order, and look for an earlier one of the same chat.
    index("updates_open_idx").on(t.updateId).where(sql`${t.state} in ('pending','in_progress')`),
    index("updates_chat_open_idx").on(t.chatId, t.updateId).where(sql`${t.state} in ('pending','in_progress')`),
    // Pruning finds the handled rows past the retention.
    index("updates_handled_idx").on(t.receivedAt).where(sql`${t.state} in ('done','failed')`),
    check("updates_state_check", sql`${t.state} in ('pending','in_progress','done','failed')`),
  ],
);
