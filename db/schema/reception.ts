import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, serial, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { appeals } from "./appeals.js";
import { users } from "./people.js";

/**
 * Officials who receive citizens in person (Reg. 7.3.1, DESIGN §5), each with the rules of their
 * schedule: how far ahead citizens may book, the notice a booking needs, and whether citizens may
 * book a free slot themselves or only ask reception staff for one.
 */
export const officials = pgTable(
  "officials",
  {
    id: serial("id").primaryKey(),
    nameKk: text("name_kk").notNull(),
    nameRu: text("name_ru").notNull(),
    titleKk: text("title_kk").notNull(),
    titleRu: text("title_ru").notNull(),
    /** Address, floor and room, as the reminder gives them. */
    placeKk: text("place_kk").notNull(),
    placeRu: text("place_ru").notNull(),
    bookingWindowDays: integer("booking_window_days").notNull().default(30),
    minNoticeHours: integer("min_notice_hours").notNull().default(24),
    directBooking: boolean("direct_booking").notNull().default(false),
    active: boolean("active").notNull().default(true),
    /** Made up for the sandbox; never shown in production. */
    demo: boolean("demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [check("officials_rules_check", sql`${t.bookingWindowDays} between 1 and 366 and ${t.minNoticeHours} >= 0`)],
);

const TIME = sql.raw(`'^([01][0-9]|2[0-3]):[0-5][0-9]$'`);

/** A weekly rule: on this weekday (0 = Sunday), slots of this length from `starts` to `ends`, except the break. */
export const receptionHours = pgTable(
  "reception_hours",
  {
    id: serial("id").primaryKey(),
    officialId: integer("official_id")
      .notNull()
      .references(() => officials.id),
    weekday: integer("weekday").notNull(),
    starts: text("starts").notNull(),
    ends: text("ends").notNull(),
    slotMinutes: integer("slot_minutes").notNull(),
    breakStarts: text("break_starts"),
    breakEnds: text("break_ends"),
  },
  (t) => [
    index("reception_hours_official_idx").on(t.officialId),
    check("reception_hours_weekday_check", sql`${t.weekday} between 0 and 6`),
    check("reception_hours_times_check", sql`${t.starts} ~ ${TIME} and ${t.ends} ~ ${TIME} and ${t.starts} < ${t.ends}`),
    check("reception_hours_slot_check", sql`${t.slotMinutes} between 5 and 240`),
    check(
      "reception_hours_break_check",
      sql`(${t.breakStarts} is null and ${t.breakEnds} is null) or (${t.breakStarts} ~ ${TIME} and ${t.breakEnds} ~ ${TIME} and ${t.breakStarts} < ${t.breakEnds})`,
    ),
  ],
);

/** A dated exception: the official is away (`off`), or receives on a day the weekly rules leave out (`extra`). */
export const receptionExceptions = pgTable(
  "reception_exceptions",
  {
    id: serial("id").primaryKey(),
    officialId: integer("official_id")
      .notNull()
      .references(() => officials.id),
    day: date("day", { mode: "string" }).notNull(),
    kind: text("kind").notNull(),
    starts: text("starts"),
    ends: text("ends"),
    slotMinutes: integer("slot_minutes"),
    note: text("note").notNull().default(""),
  },
  (t) => [
    unique("reception_exceptions_official_day").on(t.officialId, t.day),
    check("reception_exceptions_kind_check", sql`${t.kind} in ('off','extra')`),
    check(
      "reception_exceptions_extra_check",
      sql`${t.kind} = 'off' or (${t.starts} ~ ${TIME} and ${t.ends} ~ ${TIME} and ${t.starts} < ${t.ends} and ${t.slotMinutes} between 5 and 240)`,
    ),
  ],
);

/**
 * Slots as rows, made from the schedule over the booking window: a booking points at a slot id, so
 * the database itself can refuse a second booking of it, and a forged id simply finds nothing.
 * A slot the schedule no longer has is `withdrawn`, never deleted, so its bookings keep their time.
 */
export const receptionSlots = pgTable(
  "reception_slots",
  {
    id: serial("id").primaryKey(),
    officialId: integer("official_id")
      .notNull()
      .references(() => officials.id),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    withdrawn: boolean("withdrawn").notNull().default(false),
  },
  (t) => [unique("reception_slots_official_start").on(t.officialId, t.startsAt), check("reception_slots_period_check", sql`${t.endsAt} > ${t.startsAt}`)],
);

/**
 * A citizen's reception with one official, from request to outcome. `version` grows with every
 * change, so a button showing an older state is recognised as stale.
 */
export const receptionBookings = pgTable(
  "reception_bookings",
  {
    id: serial("id").primaryKey(),
    officialId: integer("official_id")
      .notNull()
      .references(() => officials.id),
    citizenUserId: integer("citizen_user_id")
      .notNull()
      .references(() => users.id),
    matter: text("matter").notNull(),
    appealId: integer("appeal_id").references(() => appeals.id),
    status: text("status").notNull(),
    slotId: integer("slot_id").references(() => receptionSlots.id),
    /** The slot the citizen would like, on a request that staff confirm. */
    preferredSlotId: integer("preferred_slot_id").references(() => receptionSlots.id),
    offerExpiresAt: timestamp("offer_expires_at", { withTimezone: true }),
    reschedules: integer("reschedules").notNull().default(0),
    version: integer("version").notNull().default(1),
    declineReason: text("decline_reason"),
    /** Came or not, what was said, and the assignments given (Reg. 7.3.2–7.3.3). */
    outcome: jsonb("outcome"),
    outcomeByUserId: integer("outcome_by_user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    // No double booking: the database, not a check before the insert, lets one booking hold a slot.
    uniqueIndex("reception_bookings_slot_held").on(t.slotId).where(sql`${t.status} in ('offered','booked')`),
    uniqueIndex("reception_bookings_one_active").on(t.citizenUserId, t.officialId).where(sql`${t.status} in ('requested','waiting','offered','booked')`),
    index("reception_bookings_official_status_idx").on(t.officialId, t.status, t.id),
    index("reception_bookings_offer_expiry_idx").on(t.offerExpiresAt).where(sql`${t.status} = 'offered'`),
    check(
      "reception_bookings_status_check",
      sql`${t.status} in ('requested','waiting','offered','booked','declined','cancelled','expired','attended','no_show')`,
    ),
    check("reception_bookings_slot_check", sql`${t.status} not in ('offered','booked','attended','no_show') or ${t.slotId} is not null`),
    check("reception_bookings_offer_check", sql`${t.status} <> 'offered' or ${t.offerExpiresAt} is not null`),
  ],
);

/**
 * The rules' figures, as data a lawyer or the sector head can correct: one row (`id` = 1),
 * written by the migration.
 */
export const receptionPolicy = pgTable(
  "reception_policy",
  {
    id: integer("id").primaryKey(),
    cancelCutoffHours: integer("cancel_cutoff_hours").notNull(),
    maxReschedules: integer("max_reschedules").notNull(),
    offerMinutes: integer("offer_minutes").notNull(),
    /** The day-before reminder's Almaty time, HH:MM. */
    eveningReminderAt: text("evening_reminder_at").notNull(),
    lastReminderHours: integer("last_reminder_hours").notNull(),
    source: text("source").notNull(),
  },
  (t) => [
    check("reception_policy_single", sql`${t.id} = 1`),
    check(
      "reception_policy_figures",
      sql`${t.cancelCutoffHours} >= 0 and ${t.maxReschedules} >= 0 and ${t.offerMinutes} > 0 and ${t.lastReminderHours} > 0 and ${t.eveningReminderAt} ~ ${TIME}`,
    ),
  ],
);
