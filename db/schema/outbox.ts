import { sql } from "drizzle-orm";
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Messages to send, written by the core in the same transaction as the change they report.
 * `dedupeKey` is unique, so a retried use case or a second scheduler never writes a message twice.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    dedupeKey: text("dedupe_key").notNull().unique(),
    chatId: bigint("chat_id", { mode: "number" }).notNull(),
    language: text("language").notNull(),
    /** A locale key and its parameters, rendered at send time; optionally files to attach. */
    payload: jsonb("payload").notNull(),
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    notBefore: timestamp("not_before", { withTimezone: true }).notNull(),
    lastError: text("last_error"),
    /** When a worker took it; a row left "sending" long after is taken again (the worker died). */
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("outbox_due_idx").on(t.notBefore, t.id).where(sql`${t.status} = 'pending'`)],
);
