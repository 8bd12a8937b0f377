import { sql } from "drizzle-orm";
import { bigint, bigserial, check, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { appeals } from "./appeals.js";
import { users } from "./people.js";

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
    /** The appeal a notice to its citizen is about: undelivered, the sector answers it by post. */
    appealId: integer("appeal_id").references(() => appeals.id),
    status: text("status").notNull().default("pending"),
    /** Tries of the whole message: a long one's parts and files count as one. Shown to operators, never a limit. */
    attempts: integer("attempts").notNull().default(0),
    /** When it may be tried next: its time at first, then later after each passing failure. */
    notBefore: timestamp("not_before", { withTimezone: true }).notNull(),
    /** When it first became due: it has waited since, and is given up OUTBOX_GIVE_UP_HOURS after. */
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    /** When it was given up (status `failed`); cleared when an administrator sends it again. */
    failedAt: timestamp("failed_at", { withTimezone: true }),
    lastError: text("last_error"),
    /** When a worker took it; a row left "sending" past the lease is taken again (the worker died). */
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    /** Parts (text pieces, then files) Telegram confirmed; a resend starts after them. */
    partsDone: integer("parts_done").notNull().default(0),
    /** Set just before a call and cleared when its outcome is known: still set means it may have arrived. */
    inFlightAt: timestamp("in_flight_at", { withTimezone: true }),
    /** Parts sent again although an earlier call for them may have arrived (a crash or a timeout). */
    unknownOutcomes: integer("unknown_outcomes").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** Telegram's id of the part that carries the buttons, so a later notice can change it in place ("taken by …"). */
    messageId: bigint("message_id", { mode: "number" }),
    /** When its parameters (names, an answer's text) were erased, OUTBOX_RETENTION_DAYS after it was written. */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
  },
  (t) => [
    index("outbox_due_idx").on(t.notBefore, t.id).where(sql`${t.status} = 'pending'`),
    // Claims whose worker may have died, looked for at every claim.
    index("outbox_sending_idx").on(t.claimedAt).where(sql`${t.status} = 'sending'`),
    // Finds an unfinished earlier message to the same chat, which holds back the later ones.
    index("outbox_chat_open_idx").on(t.chatId, t.id).where(sql`${t.status} in ('pending','sending')`),
    // The oldest message still waiting, read by every metrics scrape, readiness probe and watch.
    index("outbox_open_due_idx").on(t.dueAt).where(sql`${t.status} in ('pending','sending')`),
    // Given-up messages, newest first, for the administrators' list.
    index("outbox_failed_idx").on(t.failedAt).where(sql`${t.status} = 'failed'`),
    // Finished messages whose contents are still kept: what the nightly erasure looks through.
    index("outbox_to_erase_idx").on(t.createdAt).where(sql`${t.erasedAt} is null and ${t.status} in ('sent','unreachable','cancelled')`),
    check("outbox_status_check", sql`${t.status} in ('pending','sending','sent','unreachable','failed','cancelled')`),
  ],
);

/**
 * Appeals whose citizen could not be reached in chat (blocked the bot, deleted the account):
 * the sector sends the message by post. One open entry per appeal; clearing it records who and when.
 */
export const byPost = pgTable(
  "by_post",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    appealId: integer("appeal_id")
      .notNull()
      .references(() => appeals.id),
    /** The undelivered message that put the appeal here. */
    outboxId: bigint("outbox_id", { mode: "number" })
      .notNull()
      .references(() => outbox.id),
    reason: text("reason").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
    clearedAt: timestamp("cleared_at", { withTimezone: true }),
    clearedBy: integer("cleared_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("by_post_open_appeal_idx").on(t.appealId).where(sql`${t.clearedAt} is null`),
    check("by_post_reason_check", sql`${t.reason} in ('blocked','deactivated','chat_not_found')`),
  ],
);

/**
 * The bot's send clock, one row shared by every instance: each message the bot posts, a reply or
 * an outbox notice, takes the next moment from it, 1/SEND_RATE apart (bot/delivery/wide-pace.ts),
 * so the instances together keep Telegram's bot-wide rate.
 */
export const sendPace = pgTable(
  "send_pace",
  {
    id: smallint("id").primaryKey().default(1),
    nextAt: timestamp("next_at", { withTimezone: true }).notNull(),
  },
  (t) => [check("send_pace_one_row", sql`${t.id} = 1`)],
);
